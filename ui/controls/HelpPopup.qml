// "I need help": a number to show at the counter; staff see at their console that a visitor at
// this kiosk is waiting (the heartbeat carries the call). Closing it cancels the call.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk.Backend
import ".."

Popup {
    id: popup
    objectName: "helpPopup"
    parent: Overlay.overlay
    x: (parent.width - width) / 2
    y: Kiosk.display.reachMode ? parent.height - height - Theme.margin : (parent.height - height) / 2
    width: Math.min(parent.width - 2 * Theme.margin, 900)
    modal: true
    focus: true
    closePolicy: Popup.NoAutoClose  // a stray touch must not cancel the call: the button does
    padding: Theme.margin
    visible: Kiosk.help.open
    background: Rectangle { color: Theme.surface; radius: Theme.radius; border.color: Theme.border; border.width: 2 }
    contentItem: ColumnLayout {
        spacing: Theme.spacing * 1.5
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            Icon { name: "faceAgent"; color: Theme.primary; font.pixelSize: Theme.hugeSize }
            Text {
                textFormat: Text.PlainText  // never render markup a visitor typed
                Layout.fillWidth: true
                text: qsTr("A staff member will help you")
                font.pixelSize: Theme.titleSize
                font.bold: true
                color: Theme.text
                wrapMode: Text.WordWrap
            }
        }
        Text {
            textFormat: Text.PlainText  // never render markup a visitor typed
            text: qsTr("Your number")
            font.pixelSize: Theme.textSize
            color: Theme.mutedText
        }
        Text {
            textFormat: Text.PlainText  // never render markup a visitor typed
            objectName: "helpNumber"
            text: Kiosk.help.number
            font.pixelSize: Theme.hugeSize * 1.5
            font.bold: true
            color: Theme.primary
        }
        Text {
            textFormat: Text.PlainText  // never render markup a visitor typed
            objectName: "helpWhatNext"
            Layout.fillWidth: true
            text: Kiosk.help.staffTold
                  ? qsTr("Staff at the counter have been told. Please wait here, or show this number at the counter. Your answers are kept.")
                  : qsTr("Please show this number at the counter. Your answers are kept.")
            font.pixelSize: Theme.textSize
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        BigButton {
            objectName: "helpClose"
            Layout.fillWidth: true
            primary: true
            text: qsTr("I no longer need help")
            onClicked: Kiosk.help.close()
        }
    }
}
