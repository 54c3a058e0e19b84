"""The PDF documents built from plain data: readable French text, hostile input printed literally,
identical bytes for identical data, headers repeated on every page of a long register (R-13, R-18, R-19)."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from pypdf import PdfReader

from app.domain.onsite_intervention import OnSiteIntervention, Quote
from app.reports.consent import ConsentFormData, PlannedInformation, build_consent_form
from app.reports.formats import amount, day, duration, safe
from app.reports.intervention import InterventionReportData, OnSiteWork, build_intervention_report
from app.reports.onsite_order import OnSiteOrderData, build_onsite_order
from app.reports.progress import HistoryEntry, ProgressReportData, build_progress_report
from app.reports.register import RegisterData, RegisterRow, build_incident_register
from app.reports.style import DocumentError
from tests.unit.reports import samples as s

NBSP = "\u00a0"


def pages(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [page.extract_text() or "" for page in reader.pages]


def text_of(pdf: bytes) -> str:
    """All the text, with line breaks and no-break spaces made plain spaces, for phrase searches."""
    return re.sub(r"\s+", " ", " ".join(pages(pdf)).replace(NBSP, " "))


def intervention_data(**changes: object) -> InterventionReportData:
    tm = s.with_report(s.telemaintenance())
    values: dict[str, object] = {
        "vendor": s.VENDOR,
        "client": s.CLIENT,
        "incident": s.incident(),
        "technician": "Julien Marchal",
        "issued_at": tm.steps[-1].at,
        "telemaintenance": tm,
        "site": s.SITE,
        "result": "Balance équilibrée, mandats de décembre réédités.",
        "intervention_hotline_minutes": 50.0,
        "incident_hotline_minutes": 135.0,
        "incident_paused_minutes": 40.0,
    }
    values.update(changes)
    return InterventionReportData(**values)  # type: ignore[arg-type]


def progress_data(**changes: object) -> ProgressReportData:
    history = (
        HistoryEntry(s.T0, "Julien Marchal", "Incident créé (appel de Élodie Durand)"),
        HistoryEntry(s.T0 + timedelta(minutes=12), "Julien Marchal", "Nouveau → Diagnostiqué : écart reproduit"),
    )
    values: dict[str, object] = {
        "vendor": s.VENDOR,
        "client": s.CLIENT,
        "incident": s.incident(),
        "issued_at": history[-1].at,
        "history": history,
        "resolution_minutes": 135.0,
        "paused_minutes": 40.0,
        "first_response_minutes": 12.0,
        "target_first_response_minutes": 60.0,
        "target_resolution_minutes": 960.0,
        "estimate_minutes": 120,
    }
    values.update(changes)
    return ProgressReportData(**values)  # type: ignore[arg-type]


def register_rows(count: int, title: str = "Écart de TVA sur les mandats") -> tuple[RegisterRow, ...]:
    return tuple(
        RegisterRow(
            number=f"NCY-26{i:05d}-D",
            title=f"{title} n° {i}",
            opened_at=s.T0 + timedelta(hours=i),
            status="Clos" if i % 2 else "Diagnostiqué",
            origin="SGBD" if i % 3 else None,
            resolved_at=s.T0 + timedelta(hours=i + 2),
            closed_at=s.T0 + timedelta(hours=i + 30) if i % 2 else None,
            first_response_minutes=12.0,
            resolution_minutes=90.0 + i,
            paused_minutes=0.0,
        )
        for i in range(count)
    )


def register_data(count: int = 3, **changes: object) -> RegisterData:
    values: dict[str, object] = {
        "vendor": s.VENDOR,
        "client": s.CLIENT,
        "issued_at": s.T0 + timedelta(days=40),
        "rows": register_rows(count),
        "period_from": date(2026, 1, 1),
        "period_to": date(2026, 12, 31),
    }
    values.update(changes)
    return RegisterData(**values)  # type: ignore[arg-type]


def consent_data(**changes: object) -> ConsentFormData:
    tm = s.telemaintenance()
    values: dict[str, object] = {
        "vendor": s.VENDOR,
        "client": s.CLIENT,
        "incident": s.incident(),
        "technician": "Julien Marchal",
        "issued_at": tm.steps[0].at,
        "telemaintenance": tm,
        "site": s.SITE,
    }
    values.update(changes)
    return ConsentFormData(**values)  # type: ignore[arg-type]


def onsite_data(**changes: object) -> OnSiteOrderData:
    values: dict[str, object] = {
        "vendor": s.VENDOR,
        "client": s.CLIENT,
        "incident": s.incident(),
        "issued_at": s.T0,
        "onsite": OnSiteIntervention().with_quote(Quote("DEV-2026-118", Decimal("1234.50"), date(2026, 11, 2))),
        "site": s.SITE,
    }
    values.update(changes)
    return OnSiteOrderData(**values)  # type: ignore[arg-type]


# --- formats ----------------------------------------------------------------------------------------


def test_amounts_dates_and_durations_are_written_the_french_way() -> None:
    assert amount(Decimal("1234.5")) == f"1{NBSP}234,50{NBSP}€"
    assert amount(Decimal("1234567.005")) == f"1{NBSP}234{NBSP}567,01{NBSP}€"
    assert amount(Decimal("0")) == f"0,00{NBSP}€"
    assert day(date(2026, 11, 26)) == "26/11/2026"
    assert day(s.T0) == "26/11/2026"
    assert duration(45) == f"45{NBSP}min"
    assert duration(125) == f"2{NBSP}h{NBSP}05"
    assert duration(None) == "—"


def test_safe_escapes_markup_and_drops_control_characters() -> None:
    assert safe("<b>x</b> & y") == "&lt;b&gt;x&lt;/b&gt; &amp; y"
    assert safe("a\nb") == "a<br/>b"
    assert safe("a\x00b\x1bc") == "abc"


# --- every document ---------------------------------------------------------------------------------


def test_intervention_report_prints_the_whole_intervention_in_french() -> None:
    """R-18 step 6: nature, files, actions, result, return to normal, durations, both signatures."""
    text = text_of(build_intervention_report(intervention_data()))
    for expected in (
        "DEFI INFORMATIQUE",
        "Compte rendu d'intervention",
        "NCY-2600042-D",
        "Mairie de Maxéville",
        "Réindexation de la table des mandats",
        "MANDATS.DAT",
        "Reconstruction de l'index des mandats",
        "Balance équilibrée, mandats de décembre réédités.",
        "Retour à la normale notifié au client le 26/11/2026 à 11:38 par téléphone",
        "Élodie Durand (RTC)",
        "2 h 15",
        "Lu et approuvé",
        "page 1 / 2",
        "page 2 / 2",
    ):
        assert expected in text, expected


def test_intervention_report_prints_captured_signatures_as_images() -> None:
    data = intervention_data(
        technician_signature=s.signed("Le technicien", "Julien Marchal", "Technicien hotline"),
        client_signature=s.signed("Pour le client", "Élodie Durand", "Secrétaire de mairie", width=640),
    )
    pdf = build_intervention_report(data)
    text = text_of(pdf)
    assert "Élodie Durand, Secrétaire de mairie" in text and "Signé le 26/11/2026 à 11:50" in text
    assert "Lu et approuvé" not in text
    assert pdf.count(b"/Subtype /Image") == 2


def test_a_signature_that_is_not_an_image_is_refused_in_french() -> None:
    bad = replace(s.signed("Pour le client", "Élodie Durand"), png=b"not a png")
    with pytest.raises(DocumentError, match="Signature de Élodie Durand illisible"):
        build_intervention_report(intervention_data(client_signature=bad))


def test_onsite_intervention_report_names_quote_order_and_billing() -> None:
    work = OnSiteWork(s.T0 + timedelta(hours=4), s.T0 + timedelta(hours=6), "Lecteur de badges", "Remplacement.")
    pdf = build_intervention_report(intervention_data(telemaintenance=None, onsite=s.onsite(), onsite_work=work))
    text = text_of(pdf)
    assert "Intervention sur site" in text and "DEV-2026-118" in text and "1 234,50 € HT" in text
    assert "BC 2026/0457" in text and "Remplacement." in text


def test_consent_form_is_ready_to_sign() -> None:
    """R-18 steps 1–2: nature, files, risks, delay, protective operations, consent to sign."""
    text = text_of(build_consent_form(consent_data()))
    for expected in (
        "Information préalable et accord écrit",
        "Indisponibilité du module Finances pendant l'opération.",
        "MANDATS.IDX",
        "45 min",
        "sauvegarde complète",
        "arrêt de l'utilisation",
        "autorise DEFI INFORMATIQUE à réaliser l'intervention décrite",
        "refuse cette intervention",
        "Lu et approuvé",
    ):
        assert expected in text, expected


def test_consent_form_can_be_printed_before_the_information_is_recorded() -> None:
    planned = PlannedInformation("Purge des écritures", ("ECRITURES.DAT",), "Perte d'historique", 30)
    from app.domain.telemaintenance import Telemaintenance

    text = text_of(build_consent_form(consent_data(telemaintenance=Telemaintenance(), planned=planned)))
    assert "Purge des écritures" in text and "30 min" in text
    with pytest.raises(DocumentError):
        build_consent_form(consent_data(telemaintenance=Telemaintenance()))


def test_progress_report_gives_state_delays_and_history() -> None:
    """R-13: a progress report in plain French."""
    text = text_of(build_progress_report(progress_data()))
    for expected in (
        "Compte rendu d'avancement",
        "Situation au 26/11/2026 à 09:52",
        "12 min (objectif 1 h 00)",
        "Nouveau → Diagnostiqué : écart reproduit",
        "Incident créé (appel de Élodie Durand)",
    ):
        assert expected in text, expected


def test_register_lists_one_line_per_incident_with_a_summary() -> None:
    text = text_of(build_incident_register(register_data(4)))
    assert "Du 01/01/2026 au 31/12/2026" in text
    assert "4 incidents ouverts sur la période" in text
    for i in range(4):
        assert f"NCY-26{i:05d}-D" in text
    assert "à déterminer" in text and "1 h 33" in text


def test_register_of_an_empty_period_says_so() -> None:
    text = text_of(build_incident_register(register_data(0)))
    assert "Aucun incident ouvert du 01/01/2026 au 31/12/2026." in text


def test_register_repeats_its_header_on_every_page() -> None:
    """R-13: a register spanning many pages stays readable: the column titles head every page."""
    pdf = build_incident_register(register_data(150))
    texts = pages(pdf)
    assert len(texts) >= 4
    for number, page in enumerate(texts, start=1):
        assert "N° d'incident" in page and "Ouvert le" in page and "Origine" in page, number
        assert f"page {number} / {len(texts)}" in page


def test_onsite_order_summary_totals_with_vat() -> None:
    """R-19 and R-28: quote excluding tax, VAT 20 %, total including tax; an order to sign."""
    text = text_of(build_onsite_order(onsite_data()))
    for expected in (
        "DEV-2026-118",
        "1 234,50 €",
        "TVA 20 %",
        "246,90 €",
        "1 481,40 €",
        "non reçue",
        "Bon pour commande",
    ):
        assert expected in text, expected


# --- safety -----------------------------------------------------------------------------------------


def test_hostile_strings_print_literally_and_fetch_nothing() -> None:
    hostile = s.HOSTILE
    long_text = "\n\n".join([hostile] * 80)
    work = OnSiteWork(s.T0, s.T0 + timedelta(hours=1), hostile, long_text, (hostile,))
    data = intervention_data(
        incident=s.incident(title=hostile, caller=hostile),
        telemaintenance=None,
        onsite=s.onsite(),
        onsite_work=work,
        result=hostile,
    )
    pdf = build_intervention_report(data)
    text = text_of(pdf)
    for fragment in (
        "<b>gras</b>",
        "</para>",
        '<img src="http://example.invalid/x.png"/>',
        "& Cie",
        "&amp;",
        "<font color=red>rouge</font>",
        "∑",
        "« déjà vu »",
        # Characters the font cannot draw are spelled as code points rather than lost.
        "[U+1F600]",
        "[U+6771][U+4EAC]",
    ):
        assert fragment in text, fragment
    assert len(pages(pdf)) > 3  # the long text flowed across pages
    assert b"/URI" not in pdf and b"/Link" not in pdf
    assert b"/Subtype /Image" not in pdf


def test_hostile_strings_in_every_document() -> None:
    hostile = s.HOSTILE
    incident = s.incident(title=hostile, description=hostile, workaround=hostile)
    builders = [
        build_progress_report(progress_data(incident=incident, history=(HistoryEntry(s.T0, hostile, hostile),))),
        build_incident_register(register_data(2, rows=register_rows(2, hostile))),
        build_consent_form(consent_data(incident=incident, client=replace(s.CLIENT, name=hostile))),
        build_onsite_order(onsite_data(incident=incident, designation=hostile)),
    ]
    for pdf in builders:
        text = text_of(pdf)
        assert "<b>gras</b>" in text and "</para>" in text and "&amp;" in text
        assert b"/URI" not in pdf


# --- integrity --------------------------------------------------------------------------------------


def test_same_data_gives_the_same_bytes() -> None:
    for build, data in (
        (build_intervention_report, intervention_data()),
        (build_consent_form, consent_data()),
        (build_progress_report, progress_data()),
        (build_incident_register, register_data(40)),
        (build_onsite_order, onsite_data()),
    ):
        assert build(data) == build(data), build.__name__


def test_the_pdf_dates_and_id_come_from_the_data() -> None:
    pdf = build_progress_report(progress_data())
    info = PdfReader(io.BytesIO(pdf)).metadata
    assert info is not None
    assert info["/CreationDate"].startswith("D:20261126085200")
    assert info["/Subject"].startswith("CRA-NCY-2600042-D-")
    other = build_progress_report(progress_data(resolution_minutes=136.0))
    assert PdfReader(io.BytesIO(other)).metadata["/Subject"] != info["/Subject"]


def test_the_font_is_embedded_and_no_standard_font_is_used() -> None:
    pdf = build_intervention_report(intervention_data())
    assert b"/FontFile2" in pdf and b"DejaVuSans" in pdf
    reader = PdfReader(io.BytesIO(pdf))
    fonts = {
        str(font.get_object()["/BaseFont"]) for page in reader.pages for font in page["/Resources"]["/Font"].values()
    }
    assert any("DejaVuSans-Bold" in f for f in fonts) and any(f.endswith("DejaVuSans") for f in fonts)
