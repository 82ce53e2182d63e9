"""Actors: canonical organisations, states and people, their aliases and affiliations over time."""
