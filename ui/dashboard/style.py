"""The dashboard's own look, on top of the shared style sheet (colours from ``ui.style``)."""

from __future__ import annotations

from ui.style import ACCENT, BACKGROUND, BORDER, INK, MUTED, SURFACE, TONES

GOOD = "#2E7D32"
BAD = "#B23B3B"

STYLE = f"""
QWidget#dashboardScreen, QWidget#dashboardContent, QScrollArea#dashboardScroll {{ background: {BACKGROUND}; }}
QLabel#dashboardPeriod {{ font-size: 14pt; font-weight: 600; color: {ACCENT}; padding-bottom: 2px; }}
QLabel#dashboardBusy {{
    background: {TONES["info"][0]}; color: {TONES["info"][1]}; border-radius: 7px; padding: 3px 10px;
    font-weight: 600;
}}
QLabel#dashboardMessage {{
    background: {TONES["danger"][0]}; color: {TONES["danger"][1]}; border-radius: 5px; padding: 6px 10px;
}}
QLabel#dashboardReserved {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px; color: {MUTED}; font-size: 12pt;
    padding: 40px;
}}
QPushButton#dashboardRefresh {{
    background: {ACCENT}; color: #ffffff; border: none; border-radius: 5px; padding: 6px 18px; font-weight: 600;
}}
QPushButton#dashboardRefresh:disabled {{ background: #9fbad3; }}
QFrame#dashboardFilterBar, QFrame[dashboardCard="true"], QFrame[dashboardTile="true"] {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 8px;
}}
QFrame[dashboardTile="true"] QLabel, QFrame[dashboardCard="true"] QLabel, QFrame#dashboardFilterBar QLabel {{
    background: transparent; border: none;
}}
QLabel#tileCaption {{ color: {MUTED}; font-weight: 600; }}
QLabel#tileValue {{ color: #1F3A5F; font-size: 20pt; font-weight: 700; }}
QLabel#tileDelta {{ font-weight: 600; }}
QLabel#tileDelta[tone="good"] {{ color: {GOOD}; }}
QLabel#tileDelta[tone="bad"] {{ color: {BAD}; }}
QLabel#tileDelta[tone="flat"] {{ color: {MUTED}; }}
QLabel#tileDetail {{ color: {MUTED}; font-size: 8.5pt; }}
QLabel#cardTitle {{ font-size: 11pt; font-weight: 600; color: {INK}; }}
QLabel#cardHint {{ color: {MUTED}; font-size: 8.5pt; }}
QFrame[dashboardCard="true"] QTableWidget {{
    background: {SURFACE}; alternate-background-color: #f6f8fb; border: none;
    selection-background-color: #d4e5f7; selection-color: {INK};
}}
QFrame[dashboardCard="true"] QTableWidget::item {{ padding: 0 6px; }}
"""
