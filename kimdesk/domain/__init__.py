"""Domain: what a Vorlage is — plain dataclasses, enums, rules and money; stdlib only."""
