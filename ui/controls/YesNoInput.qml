// Yes or no as two big buttons.
import QtQuick
import QtQuick.Controls
import ".."

Row {
    id: row
    required property var field
    spacing: Theme.spacing
    BigButton {
        objectName: "yes_" + row.field.fieldId
        text: (row.field.value === "yes" ? "✓ " : "") + qsTr("Yes")
        selectedLook: row.field.value === "yes"
        onClicked: row.field.setAnswer("yes")
    }
    BigButton {
        objectName: "no_" + row.field.fieldId
        text: (row.field.value === "no" ? "✓ " : "") + qsTr("No")
        selectedLook: row.field.value === "no"
        onClicked: row.field.setAnswer("no")
    }
}
