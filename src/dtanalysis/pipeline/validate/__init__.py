"""Validation of the processed tables with Great Expectations: suites as data
(`expectations/<table>.json`, `suites`), cross-table rules as view columns (`checks`), the GX
run (`gx`) and what it found in plain words (`report`)."""

from ...errors import SuiteError
from .checks import VIEW_CHECKS, ViewCheck, row_count_floors, validation_view
from .gx import validate
from .report import MAX_ROWS_SHOWN, Failure, TableStatistics, ValidationReport
from .suites import load_suite, read_suite_file

__all__ = ["MAX_ROWS_SHOWN", "VIEW_CHECKS", "Failure", "SuiteError", "TableStatistics",
           "ValidationReport", "ViewCheck", "load_suite", "read_suite_file", "row_count_floors",
           "validate", "validation_view"]
