"""The bottleneck tracker: casemanagers report what blocks their participants, SAM triages it."""
