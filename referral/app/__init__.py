"""Use cases: what a command does, without click (match, batch, meeting, intake, diff)."""
