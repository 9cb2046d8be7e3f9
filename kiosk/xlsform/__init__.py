"""Import XLSForm spreadsheets (ODK, KoboToolbox) into the kiosk's form definition format."""

from kiosk.xlsform.convert import ImportResult, XlsFormError, convert_workbook, import_xlsform

__all__ = ["ImportResult", "XlsFormError", "convert_workbook", "import_xlsform"]
