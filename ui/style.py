"""The look shared by every screen: one style sheet keyed on object names and dynamic properties.

Screens set ``objectName`` and properties such as ``role="title"`` or ``tone="ok"``; the colours live
here only, so a screen never hard-codes one.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound=QWidget)

ACCENT = "#1f6fb2"
INK = "#1d2733"
MUTED = "#5b6777"
BORDER = "#d9dfe7"
SURFACE = "#ffffff"
BACKGROUND = "#f3f5f8"
SIDEBAR = "#1e2a38"

# Badge tones: (background, text).
# Qt ignores a border-radius larger than half the box height: keep badge radius <= (text + padding) / 2.
TONES = {
    "ok": ("#e2f3e7", "#1c6b36"),
    "warn": ("#fdf0d9", "#8a5200"),
    "danger": ("#fbe3e1", "#a3261d"),
    "info": ("#e2edf9", "#1f5c9b"),
    "muted": ("#eceff3", "#4d5968"),
}


# Planning month grid, by day kind: (cell background, text of its notes).
DAY_COLOURS = {
    "open": (SURFACE, INK),
    "weekend": ("#eef1f5", MUTED),
    "closed": ("#eef1f5", MUTED),
    "holiday": ("#fbe3e1", "#a3261d"),
    "training": ("#ece6f8", "#5a3d9a"),
    "closure": ("#fdf0d9", "#8a5200"),
    "interruption": ("#e2edf9", "#1f5c9b"),
    "warning": ("#fbe3e1", "#a3261d"),
}


def _badge_rules() -> str:
    return "\n".join(f'QLabel[tone="{tone}"] {{ background: {bg}; color: {fg}; }}' for tone, (bg, fg) in TONES.items())


STYLE_SHEET = f"""
QMainWindow, QWidget#screenStack, QWidget#clientListScreen {{
    background: {BACKGROUND};
}}
QWidget {{ color: {INK}; }}

QFrame#sidebar {{ background: {SIDEBAR}; }}
QLabel#sidebarTitle {{ color: #ffffff; font-size: 16pt; font-weight: 600; }}
QLabel#sidebarSubtitle {{ color: #9fb0c3; font-size: 8pt; letter-spacing: 1px; }}
QListWidget#navigation {{
    background: transparent; border: none; color: #d5dee8; outline: none; font-size: 11pt;
}}
QListWidget#navigation::item {{ padding: 9px 14px; border-radius: 5px; margin: 1px 8px; }}
QListWidget#navigation::item:hover {{ background: #2a3a4d; }}
QListWidget#navigation::item:selected {{ background: {ACCENT}; color: #ffffff; }}

QLabel[role="title"] {{ font-size: 17pt; font-weight: 600; }}
QLabel[role="subtitle"] {{ color: {MUTED}; }}
QLabel[role="section"] {{
    color: {MUTED}; font-weight: 600; letter-spacing: 1px;
    padding-top: 12px; border-bottom: 1px solid {BORDER}; padding-bottom: 4px; margin-bottom: 2px;
    /* Without a background of its own, a QLabel's border is not painted; the indent Qt adds for a
       bordered label would misalign the title with the text under it. */
    background: transparent; qproperty-indent: 0;
}}
QLabel[role="strong"] {{ font-weight: 600; }}
QLabel[role="muted"] {{ color: {MUTED}; }}
QLabel[role="empty"] {{ color: {MUTED}; font-style: italic; }}
QLabel[role="count"] {{ color: {MUTED}; padding-left: 8px; }}

QLabel[tone] {{ border-radius: 7px; padding: 2px 8px; font-weight: 600; }}
{_badge_rules()}
QLabel#rtcWarning {{
    background: {TONES["warn"][0]}; color: {TONES["warn"][1]};
    border-radius: 5px; padding: 6px 10px;
}}

QLineEdit#clientSearchField {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px;
    padding: 7px 10px; font-size: 11pt;
}}
QLineEdit#clientSearchField:focus {{ border: 1px solid {ACCENT}; }}

QTableView#clientTable {{
    background: {SURFACE}; alternate-background-color: #f6f8fb; border: 1px solid {BORDER};
    border-radius: 6px; gridline-color: transparent;
    selection-background-color: #d4e5f7; selection-color: {INK};
}}
QTableView#clientTable::item {{ padding: 0 6px; }}
QHeaderView::section {{
    background: #eef1f5; color: {MUTED}; border: none; border-bottom: 1px solid {BORDER};
    padding: 6px; font-weight: 600;
}}

QScrollArea#clientDetailPanel {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px;
}}
QWidget#clientDetailContent {{ background: {SURFACE}; }}


/* Intake (« Appel ») and incidents screens. */
QWidget#intakeScreen, QWidget#incidentsScreen {{ background: {BACKGROUND}; }}
QLineEdit#intakeSearchField, QLineEdit#incidentSearchField {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px; padding: 8px 10px; font-size: 12pt;
}}
QLineEdit#intakeSearchField:focus, QLineEdit#incidentSearchField:focus {{ border: 1px solid {ACCENT}; }}
QLabel#callTimer {{
    font-size: 20pt; font-weight: 600; color: {MUTED}; padding: 0 12px;
    font-family: "DejaVu Sans Mono", "Consolas", monospace;
}}
QLabel#callTimer[running="true"] {{ color: {ACCENT}; }}
QTableView#intakeResults, QTableView#incidentTable {{
    background: {SURFACE}; alternate-background-color: #f6f8fb; border: 1px solid {BORDER};
    border-radius: 6px; gridline-color: transparent;
    selection-background-color: #d4e5f7; selection-color: {INK};
}}
QTableView#intakeResults::item, QTableView#incidentTable::item {{ padding: 0 6px; }}
QScrollArea#intakeClientCard, QScrollArea#incidentDetailPanel {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px;
}}
QWidget#intakeClientCardContent, QWidget#incidentDetailContent {{ background: {SURFACE}; }}
QFrame#intakeForm {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px; }}
QFrame#intakeForm QLineEdit, QFrame#intakeForm QPlainTextEdit, QFrame#intakeForm QComboBox {{ font-size: 11pt; }}
QFrame#coverageBanner {{ border-radius: 6px; border: 1px solid {BORDER}; background: {SURFACE}; }}
QFrame#coverageBanner QLabel#coverageHeadline {{ font-size: 13pt; font-weight: 600; color: {MUTED}; }}
QFrame#coverageBanner[level="green"] {{ background: {TONES["ok"][0]}; border-color: #a9d8b6; }}
QFrame#coverageBanner[level="orange"] {{ background: {TONES["warn"][0]}; border-color: #efc987; }}
QFrame#coverageBanner[level="red"] {{ background: {TONES["danger"][0]}; border-color: #eba9a3; }}
QFrame#coverageBanner[level="green"] QLabel {{ color: {TONES["ok"][1]}; }}
QFrame#coverageBanner[level="orange"] QLabel {{ color: {TONES["warn"][1]}; }}
QFrame#coverageBanner[level="red"] QLabel {{ color: {TONES["danger"][1]}; }}
QFrame#coverageBanner QLabel#coverageReasons {{ font-size: 10.5pt; }}
QFrame#numberPanel {{ background: {SURFACE}; border: 2px solid {ACCENT}; border-radius: 8px; }}
QLabel#numberCaption {{ color: {MUTED}; font-weight: 600; }}
QLabel#incidentNumberLabel {{
    font-size: 30pt; font-weight: 700; color: {INK}; letter-spacing: 1px;
    font-family: "DejaVu Sans Mono", "Consolas", monospace;
}}
QLabel#numberDetail {{ color: {MUTED}; }}
QLabel#intakeError, QLabel#incidentActionMessage[tone="danger"] {{
    background: {TONES["danger"][0]}; color: {TONES["danger"][1]}; border-radius: 5px; padding: 6px 10px;
}}
QFrame#draftOffer {{ background: {TONES["info"][0]}; border: 1px solid #b9d2ee; border-radius: 6px; }}
QFrame#draftOffer QLabel {{ color: {TONES["info"][1]}; font-weight: 600; }}
QPushButton#saveIncidentButton {{
    background: {ACCENT}; color: #ffffff; border: none; border-radius: 5px; padding: 8px 22px; font-weight: 600;
}}
QPushButton#saveIncidentButton:disabled {{ background: #9fbad3; }}
QPushButton#saveIncidentButton:focus {{ border: 2px solid {INK}; }}
QLabel#incidentHeaderNumber {{ font-size: 15pt; font-weight: 700; font-family: "DejaVu Sans Mono", monospace; }}
QLabel[role="fieldLabel"] {{ color: {MUTED}; font-weight: 600; }}
QFrame#incidentActions {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px; }}
QLabel#incidentExclusion {{
    background: {TONES["danger"][0]}; color: {TONES["danger"][1]}; border-radius: 5px; padding: 6px 10px;
}}
QLabel#incidentWaiting {{
    background: {TONES["warn"][0]}; color: {TONES["warn"][1]}; border-radius: 5px; padding: 6px 10px;
}}


QStatusBar {{ background: #e8ecf1; color: {MUTED}; border-top: 1px solid {BORDER}; }}
QStatusBar QLabel {{ color: {MUTED}; padding: 0 10px; }}
QStatusBar::item {{ border: none; }}
QStatusBar QLabel#hotlineStatus {{ border-radius: 7px; padding: 1px 10px; margin: 2px 6px; font-weight: 600; }}
QStatusBar QLabel#hotlineStatus[state="open"] {{ background: {TONES["ok"][0]}; color: {TONES["ok"][1]}; }}
QStatusBar QLabel#hotlineStatus[state="closed"] {{ background: {TONES["danger"][0]}; color: {TONES["danger"][1]}; }}

QWidget#planningScreen {{ background: {BACKGROUND}; }}
QScrollArea#planningSidePanel {{ background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px; }}
QWidget#planningSideContent {{ background: {SURFACE}; }}
QLabel#planningMonthTitle {{ font-size: 14pt; font-weight: 600; padding: 0 8px; }}
QLabel#planningMessage[tone] {{ border-radius: 5px; padding: 6px 10px; font-weight: normal; }}
QListWidget#planningClosureList, QListWidget#planningInterruptionList, QListWidget#planningWarningList {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 5px;
}}
"""


SMALL_POINT_SIZE = 8


def set_role(widget: W, role: str) -> W:
    """Mark ``widget`` with a style role (title, section, muted…) before it is first shown."""
    widget.setProperty("role", role)
    if role == "section":
        small_font(widget)
    return widget


def small_font(widget: W) -> W:
    """The size of badges and section titles."""
    font = widget.font()
    font.setPointSize(SMALL_POINT_SIZE)
    widget.setFont(font)
    return widget
