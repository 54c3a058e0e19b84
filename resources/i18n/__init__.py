"""The translation catalogues (``hotline_<lang>.ts`` sources, compiled ``.qm``) and the script that
refreshes them (``update.py``)."""
