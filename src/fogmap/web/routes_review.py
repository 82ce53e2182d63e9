"""Review: an analyst's accept / correct / reject of an event, stored beside the machine record (writes need the token)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter()
