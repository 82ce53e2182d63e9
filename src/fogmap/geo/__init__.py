"""Places: for now, which country a sentence or document is about (the full geoparser comes later)."""

from .countries import CountryGazetteer, load_country_gazetteer

__all__ = ["CountryGazetteer", "load_country_gazetteer"]
