"""The newest checkpoint seen on this PC, per database: a restored older database or a rewritten log shows.

Kept in the user's profile (:class:`LocalKeys` state), outside the database: the chain head (seq, hash)
and how many good signatures each Vorlage had. A later check that finds the chain shorter, the entry at
that number changed, or fewer signatures of a Vorlage names the rollback.
"""

from __future__ import annotations

from collections import Counter

from kimdesk.domain.audit import AuditEntry, Finding
from kimdesk.services.local_keys import LocalKeys


def check_remembered(
    local: LocalKeys, entries: list[AuditEntry], counts: Counter[str], *, advance: bool
) -> list[Finding]:
    """Findings against the remembered checkpoint; remembers the current one if ``advance`` and all is ok."""
    if not local.database:
        return []
    state = local.read_state()
    seen = state.get("checkpoints", {}).get(local.database, {})
    findings: list[Finding] = []
    chain = {e.seq: e.entry_hash for e in entries}
    head = max(chain, default=0)
    seq = int(seen.get("seq", 0))
    if seq > head:
        findings.append(
            Finding(
                "",
                f"Die Datenbank ist älter als zuletzt auf diesem PC gesehen (Prüfprotokoll bis Nr. {seq}, "
                f"jetzt bis Nr. {head}) – ältere Sicherung zurückgespielt oder Einträge gelöscht?",
            )
        )
    elif seq and chain.get(seq) != seen.get("hash"):
        findings.append(
            Finding(
                "",
                f"Das Prüfprotokoll bis Nr. {seq} wurde seit der letzten Prüfung auf diesem PC "
                "umgeschrieben.",
            )
        )
    remembered: dict[str, int] = seen.get("signatures", {})
    for reference, number in sorted(remembered.items()):
        if counts.get(reference, 0) < number:
            findings.append(
                Finding(
                    reference,
                    f"hatte auf diesem PC {number} gültige Signatur(en), jetzt {counts.get(reference, 0)} "
                    "(gelöscht oder ältere Datenbank).",
                )
            )
    if advance and not findings:
        merged = {ref: max(n, remembered.get(ref, 0)) for ref, n in counts.items()}
        state.setdefault("checkpoints", {})[local.database] = {
            "seq": head,
            "hash": chain.get(head, ""),
            "signatures": {**remembered, **merged},
        }
        local.write_state(state)
    return findings
