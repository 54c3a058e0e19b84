"""Hotline: the DEFI INFORMATIQUE helpdesk, everything that is not Qt."""

__version__ = "0.1.0"
