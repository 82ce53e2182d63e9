"""Hand-built event reports for the fusion tests (real-shaped: Syrian towns and their coordinates)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from fogmap.fusion.reports import source_key
from fogmap.records import EventReport

DAY = dt.date(2019, 9, 9)
# GeoNames points, rounded
MAARAT = dict(place_id="maarat", place_name="Maarat al-Numan", place_feature="P.PPLA2", lat=35.64, lon=36.67,
              admin1="Idlib", country="SY", geo_precision=1)
KAFRANBEL = dict(place_id="kafranbel", place_name="Kafr Nabl", place_feature="P.PPL", lat=35.61, lon=36.56,
                 admin1="Idlib", country="SY", geo_precision=1)  # ~10.5 km from Maarat al-Numan
IDLIB_PROVINCE = dict(place_id="idlib-adm1", place_name="Idlib", place_feature="A.ADM1", lat=35.83, lon=36.63,
                      admin1="Idlib", country="SY", geo_precision=3)
ALEPPO = dict(place_id="aleppo", place_name="Aleppo", place_feature="P.PPLA", lat=36.20, lon=37.16,
              admin1="Aleppo", country="SY", geo_precision=1)
SYRIA = dict(place_id="sy", place_name="Syria", place_feature="A.PCLI", lat=35.0, lon=38.5, admin1=None,
             country="SY", geo_precision=3)


def report(event_id: str, doc_id: str, *, code: str = "ART_MISS_ATTACK", day: dt.date = DAY,
           outlet: str = "Example News", place: dict = MAARAT, **fields) -> EventReport:
    base = EventReport(event_id=event_id, doc_id=doc_id, source_key=source_key(outlet, None, doc_id), seq=0, code=code,
                       type="Explosions/Remote violence", subtype=code, window_start=day, window_end=day, dated=True,
                       published=day, **place)
    return replace(base, **fields)
