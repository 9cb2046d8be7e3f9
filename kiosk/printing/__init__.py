"""Silent printing of finished PDFs to CUPS, without Qt (see `cups.CupsPrinter`)."""

from kiosk.printing.cups import CupsPrinter, PrintResult, PrintStatus, QueueStatus

__all__ = ["CupsPrinter", "PrintResult", "PrintStatus", "QueueStatus"]
