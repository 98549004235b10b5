"""UK defence and security relationships across Europe: data, measures, figures and maps."""
from .dates import PartialDate
from .load import Dataset, as_of, load
from .validate import DataValidationError, Problem, validate

__all__ = ["PartialDate", "Dataset", "as_of", "load", "DataValidationError", "Problem", "validate"]
__version__ = "0.1.0"
