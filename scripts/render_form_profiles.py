"""Print the showcase Vorlage in every shipped form profile: PDFs and first-page PNGs for docs/forms/.

PYTHONPATH=$PWD python scripts/render_form_profiles.py docs/forms   # needs pdftoppm
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from kimdesk.pdf.renderer import PaperPdfRenderer
from kimdesk.services.form_profiles import shipped_profiles
from tests.demo_data import demo_organizations, demo_persons
from tests.pdf.showcase import showcase_office, showcase_paper


def main(target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    persons = demo_persons()
    renderer = PaperPdfRenderer()
    for shipped in shipped_profiles():
        orgs = demo_organizations()
        office = showcase_office(persons, orgs, shipped.profile)
        paper = showcase_paper(orgs, persons, office)
        pdf = target / f"{shipped.key}.pdf"
        pdf.write_bytes(renderer.render_paper(paper, office, attachments=["Antrag KIM Baustein 3.pdf"]))
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "60",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(target / shipped.key),
            ],
            check=True,
        )
        pdf.unlink()
        png = target / f"{shipped.key}.png"
        if shutil.which("convert"):  # ImageMagick: 16 grey levels, a third of the size
            subprocess.run(
                ["convert", str(png), "-colorspace", "Gray", "-colors", "16", "-strip", f"PNG8:{png}"],
                check=True,
            )
        print(target / f"{shipped.key}.png")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/forms"))
