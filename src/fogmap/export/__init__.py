"""Exports of the store's records to files for pandas/R, QGIS, spreadsheets and other tools."""

from .tables import EXPORT_FORMATS, EXPORTABLE, export_records

__all__ = ["EXPORT_FORMATS", "EXPORTABLE", "export_records"]
