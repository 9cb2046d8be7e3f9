"""Forms are data: definitions loaded from resources/forms, checked at start, rendered anywhere."""

from kiosk.forms.loader import FormDefinitionError, load_form, load_forms
from kiosk.forms.model import Condition, Field, FieldType, Form, Option, Step, menu_order

__all__ = [
    "Condition",
    "Field",
    "FieldType",
    "Form",
    "FormDefinitionError",
    "Option",
    "Step",
    "load_form",
    "load_forms",
    "menu_order",
]
