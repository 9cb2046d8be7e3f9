// One form field: label, help, the input for its type, and its error or warning message.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk.Backend
import ".."

ColumnLayout {
    id: root
    required property string fieldId
    required property string fieldType
    required property string label
    required property string help
    required property bool required
    required property var value
    required property string display
    required property string error
    required property string warning
    required property var options
    required property bool latin
    required property bool uppercase
    required property int maxLength
    required property string dateMin
    required property string dateMax
    required property string dateStart

    objectName: "fieldRow_" + fieldId
    spacing: 6

    function setAnswer(v) { Kiosk.visit.setAnswer(fieldId, v) }

    Text {
        textFormat: Text.PlainText  // never render markup a visitor typed
        objectName: "label_" + root.fieldId
        Layout.fillWidth: true
        text: root.label + (root.required || root.fieldType === "note" ? "" : "  " + qsTr("(optional)"))
        font.pixelSize: Theme.textSize
        font.bold: true
        color: Theme.text
        wrapMode: Text.WordWrap
    }
    Text {
        textFormat: Text.PlainText  // never render markup a visitor typed
        objectName: "help_" + root.fieldId
        Layout.fillWidth: true
        visible: root.help.length > 0
        text: root.help
        font.pixelSize: Theme.smallSize
        color: Theme.mutedText
        wrapMode: Text.WordWrap
    }
    Loader {
        id: input
        Layout.fillWidth: true
        sourceComponent: {
            switch (root.fieldType) {
            case "choice": return choiceComponent
            case "multichoice": return choiceComponent
            case "date": return dateComponent
            case "country": return countryComponent
            case "yesno": return yesNoComponent
            case "note": return null  // the label and help are the whole note
            default: return textComponent
            }
        }
    }
    Text {
        textFormat: Text.PlainText  // never render markup a visitor typed
        objectName: "error_" + root.fieldId
        Layout.fillWidth: true
        visible: text.length > 0
        text: root.error.length > 0 ? "⚠ " + root.error : (root.warning.length > 0 ? "ⓘ " + root.warning : "")
        color: root.error.length > 0 ? Theme.error : Theme.warning
        font.pixelSize: Theme.smallSize
        font.bold: true
        wrapMode: Text.WordWrap
    }

    Component {
        id: textComponent
        TextInputField { field: root }
    }
    Component {
        id: choiceComponent
        ChoiceInput { field: root; multiple: root.fieldType === "multichoice" }
    }
    Component {
        id: dateComponent
        DateInput { field: root }
    }
    Component {
        id: countryComponent
        CountryInput { field: root }
    }
    Component {
        id: yesNoComponent
        YesNoInput { field: root }
    }
}
