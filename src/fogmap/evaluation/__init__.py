"""Scoring fogmap against labelled corpora (CASE 2021, ACLED exports, WikiEvents).

The corpora belong to others and are never shipped; these functions read a file the user points
at and say plainly when it is not there.
"""
