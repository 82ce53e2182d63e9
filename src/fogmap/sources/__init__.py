"""Sources: who a document or a claim speaks for, how reliable the user judges it, and whose voice it is."""

from .registry import SourceProfile, SourceRegistry, load_registry, registry_problems
from .grades import DEFAULT_GRADE, Grade, grades

__all__ = ["DEFAULT_GRADE", "Grade", "SourceProfile", "SourceRegistry", "grades", "load_registry",
           "registry_problems"]
