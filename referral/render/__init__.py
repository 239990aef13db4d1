"""Renderers turn results into text or rich renderables; only the CLI prints."""
