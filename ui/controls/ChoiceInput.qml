// Single or multiple choice as big toggle buttons that wrap onto several lines.
import QtQuick
import QtQuick.Controls
import ".."

Flow {
    id: flow
    required property var field
    property bool multiple: false
    spacing: Theme.spacing
    objectName: "choices_" + field.fieldId

    // A list from the Python model arrives as a sequence, not always a JS Array: copy it.
    function chosen() {
        var v = field.value, out = []
        if (v === undefined || v === null || typeof v === "string") return out
        for (let i = 0; i < v.length; ++i) out.push(String(v[i]))
        return out
    }
    function isSelected(value) {
        if (multiple)
            return chosen().indexOf(value) >= 0
        return field.value === value
    }
    function toggle(value) {
        if (!multiple) { field.setAnswer(value); return }
        var list = chosen()
        var at = list.indexOf(value)
        if (at >= 0) list.splice(at, 1); else list.push(value)
        field.setAnswer(list)
    }

    Repeater {
        model: flow.field.options
        BigButton {
            required property var modelData
            objectName: "choice_" + flow.field.fieldId + "_" + modelData.value
            text: (flow.isSelected(modelData.value) ? "✓ " : "") + modelData.label
            selectedLook: flow.isSelected(modelData.value)
            checkable: false
            onClicked: flow.toggle(modelData.value)
        }
    }
}
