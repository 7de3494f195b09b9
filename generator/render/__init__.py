"""Renderers: one module per deliverable. Each takes a Kit and nothing else."""
