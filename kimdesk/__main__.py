"""Entry point for ``python -m kimdesk`` and the frozen build (``kimdesk`` and ``kimdesk-gui``)."""

import os
import sys


def _ensure_std_streams() -> None:
    """Give a windowed build somewhere to write.

    The frozen ``kimdesk-gui.exe`` (no console) starts with ``sys.stdout``/``sys.stderr`` set to None on
    Windows; a ``print`` or a logging handler would then raise. Writing into the void is right for a GUI that
    logs to its own file.
    """
    for name in ("stdout", "stderr"):
        if getattr(sys, name) is None:
            setattr(sys, name, open(os.devnull, "w", encoding="utf-8"))  # noqa: SIM115 - lives as long as the process


if __name__ == "__main__":
    _ensure_std_streams()
    if len(sys.argv) == 3 and sys.argv[1] == "--qpdf-job":
        # The Sitzungsmappe's qpdf step, run by kimdesk in a child process (kimdesk.pdf.qpdf_job).
        from kimdesk.pdf.qpdf_job import child_main

        sys.exit(child_main(sys.argv[2]))
    from kimdesk.cli import main

    sys.exit(main())
