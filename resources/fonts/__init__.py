"""The TrueType fonts embedded in every PDF the hotline issues (DejaVu Sans, see ``LICENSE``)."""
