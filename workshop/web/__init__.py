"""`workshop serve`: the app in a browser, through textual-serve (one app process per tab).

This package never imports Textual: the server only starts `workshop` processes and relays them.
Its page and favicon live here, so no asset is fetched from another site.
"""
