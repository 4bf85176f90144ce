"""Write the seed Vorlage 20/0270 as a DOCX, the way offices keep it today (for the LibreOffice comparison).

Plain WordprocessingML written with zipfile: head table, Betrifft, Begründung with a numbered list,
Mitzeichnungen grid, the NKF table, Klima, Beschlussentwurf, signature and Beschlussvermerk.

    .venv/bin/python bench/make_docx.py OUT.docx
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.demo_data import SEED_RATIONALE

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml"
 ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1"
 Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
 Target="word/document.xml"/>
</Relationships>"""

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def run(text: str, bold: bool = False, italic: bool = False) -> str:
    props = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(text: str = "", bold: bool = False, italic: bool = False, align: str = "") -> str:
    ppr = f'<w:pPr><w:jc w:val="{align}"/></w:pPr>' if align else ""
    return f"<w:p>{ppr}{run(text, bold, italic) if text else ''}</w:p>"


def table(rows: list[list[str]], bold_first: bool = True) -> str:
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="555555"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    out = [
        f'<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>{borders}</w:tblBorders></w:tblPr>'
    ]
    for index, row in enumerate(rows):
        out.append("<w:tr>")
        for cell in row:
            lines = "".join(para(line, bold=bold_first and index == 0) for line in cell.split("\n"))
            out.append(f"<w:tc>{lines}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)


def document() -> str:
    body = [
        para("Stadt Recklinghausen", bold=True),
        para("Vorlage Nr. 20/0270", bold=True, align="right"),
        para("Federf. Stadtamt: Amt für Integration und Sport"),
        table(
            [
                ["Vorlage für den", "Berichterstatter", "Zuständigkeit", "Sitzung am", "Punkt"],
                [
                    "Integrationsrat",
                    "Rainer Weichelt\nErster Beigeordneter",
                    "Kenntnisnahme",
                    "09.09.2020",
                    "4",
                ],
            ]
        ),
        para("öffentliche Sitzung", bold=True),
        para("Betrifft:", bold=True),
        para("Kommunales Integrationsmanagement", bold=True),
        para("Begründung:", bold=True),
    ]
    for block in SEED_RATIONALE.blocks:
        if block.is_list:
            for number, item in enumerate(block.items, start=1):
                body.append(para(f"{number}. " + "".join(s.text for s in item)))
        else:
            body.append(para(block.plain_text()))
    roles = ["Bürgermeister:", "Erster Beigeordneter:", "Stadtkämmerer:", "Beigeordnete:", "Stadtbaurat:"]
    body += [
        para("Mitzeichnungen", bold=True),
        table([[*roles, "Rechtsamt:"], ["Datum: ______"] * 6]),
        para("Zahl der erforderlichen Protokollauszüge: ______"),
        para("Finanzielle Auswirkungen:", bold=True),
        para("☒ keine    ☐ folgende"),
        table(
            [
                ["", "einmalig", "jährlich"],
                ["Ergebnisrechnung", "", ""],
                ["Ertrag €", "", ""],
                ["darin enthalten: Zuwendungen und Zuschüsse", "", ""],
                ["Aufwand €", "", ""],
                ["darin enthalten: Personalaufwand", "", ""],
                ["Sach- und Dienstleistungen", "", ""],
                ["Transferaufwand", "", ""],
                ["investiver Finanzplan", "", ""],
                ["Einzahlung €", "", ""],
                ["darin enthalten: Zuschüsse", "", ""],
                ["Beiträge Dritter", "", ""],
                ["Auszahlung €", "", ""],
            ]
        ),
        para("Haushaltsmittel stehen: ☐ zur Verfügung    ☐ nicht zur Verfügung"),
        para("Wesentliche klimarelevante Auswirkungen:", bold=True),
        para("☒ keine    ☐ folgende"),
        para("Beschlussentwurf:", bold=True),
        para("Der Integrationsrat nimmt den Bericht der Verwaltung zur Kenntnis."),
        para("Der Bürgermeister"),
        para("i. V."),
        para(),
        para(),
        para("Rainer Weichelt"),
        para("Erster Beigeordneter"),
        para("In der Sitzung des"),
        para("– Integrationsrates"),
        para("– Rates"),
        para("– Haupt- und Finanzausschusses"),
        para("am ______ (nicht-öffentlicher Teil) wurde wie folgt beschlossen:"),
    ]
    section = (
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1531" w:right="1134" w:bottom="1247" w:left="1417" w:header="708" w:footer="708"/>'
        "</w:sectPr>"
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>'
        + "".join(body)
        + section
        + "</w:body></w:document>"
    )


def write_docx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as docx:
        docx.writestr("[Content_Types].xml", CONTENT_TYPES)
        docx.writestr("_rels/.rels", RELS)
        docx.writestr("word/document.xml", document())
    return path


if __name__ == "__main__":
    print(write_docx(Path(sys.argv[1] if len(sys.argv) > 1 else "Vorlage_20-0270.docx")))
