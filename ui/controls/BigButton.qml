// A finger-sized button: at least Theme.minTarget high and wide, primary or secondary look.
import QtQuick
import QtQuick.Controls
import ".."

Button {
    id: control
    property bool primary: false
    property bool selectedLook: false
    implicitHeight: Math.max(Theme.touchTarget, contentItem.implicitHeight + 24)
    implicitWidth: Math.max(Theme.touchTarget * 2, contentItem.implicitWidth + 48)
    font.pixelSize: Theme.textSize
    focusPolicy: Qt.StrongFocus
    Accessible.name: text
    // Tactile keypads send Enter: activate like a touch (Qt Quick buttons only take Space).
    Keys.onReturnPressed: clicked()
    Keys.onEnterPressed: clicked()

    contentItem: Text {
        textFormat: Text.PlainText  // never render markup a visitor typed
        text: control.text
        font: control.font
        color: control.primary || control.selectedLook ? Theme.primaryText : Theme.secondaryText
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.WordWrap
        opacity: control.enabled ? 1 : 0.6
    }
    background: Rectangle {
        radius: Theme.radius
        color: control.primary || control.selectedLook ? Theme.primary : Theme.secondary
        border.width: control.activeFocus ? 4 : 1
        border.color: control.activeFocus ? Theme.focus : Theme.border
        opacity: control.down ? 0.8 : 1
    }
}
