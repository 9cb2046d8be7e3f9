// Free text, numbers, phones and e-mail, typed on the embedded virtual keyboard.
import QtQuick
import QtQuick.Controls
import ".."

TextField {
    id: control
    required property var field
    objectName: "input_" + field.fieldId
    implicitHeight: Theme.touchTarget
    font.pixelSize: Theme.textSize
    text: field.value === undefined || field.value === null ? "" : String(field.value)
    maximumLength: field.maxLength > 0 ? field.maxLength : 32767
    selectByMouse: false
    persistentSelection: false
    inputMethodHints: {
        var hints = Qt.ImhNoPredictiveText
        if (field.fieldType === "phone") hints |= Qt.ImhDialableCharactersOnly
        else if (field.fieldType === "email") hints |= Qt.ImhEmailCharactersOnly
        else if (field.fieldType === "number") hints |= Qt.ImhFormattedNumbersOnly
        if (field.latin) hints |= Qt.ImhLatinOnly
        if (field.uppercase) hints |= Qt.ImhPreferUppercase
        return hints
    }
    Accessible.name: field.label
    onTextEdited: field.setAnswer(text)
    // Text committed by an input method (Pinyin, Hangul...) arrives without textEdited.
    onEditingFinished: if (text !== String(field.value)) field.setAnswer(text)
    background: Rectangle {
        radius: Theme.radius
        color: Theme.surface
        border.width: control.activeFocus ? 4 : 2
        border.color: field.error.length > 0 ? Theme.error : (control.activeFocus ? Theme.primary : Theme.border)
    }
}
