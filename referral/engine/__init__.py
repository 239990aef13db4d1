"""The decision engine: a ruleset compiled once, serving every route."""
