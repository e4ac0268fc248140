"""The app's forms and register screens, read from the kinds' declarations (workshop/kinds/).

`base.FormBase` is what every form shares (keys in typed order, Tab taking a half-typed name,
open choice lists committed before a save); `fields` turns a kind's form hints into widgets and
reads them back; `declared.DeclaredForm` is the register form of any declared kind and
`register.RegisterScreen` its register screen.
"""
