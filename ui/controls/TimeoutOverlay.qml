// "Are you still there?": shown before the idle wipe; one touch anywhere keeps the session.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk.Backend
import ".."

Rectangle {
    id: overlay
    objectName: "timeoutOverlay"
    visible: Kiosk.idle.warning
    color: Theme.overlay
    z: 1000

    MouseArea { anchors.fill: parent; onClicked: Kiosk.idle.touch() }

    Rectangle {
        anchors.horizontalCenter: parent.horizontalCenter
        y: Kiosk.display.reachMode ? parent.height - height - Theme.margin : (parent.height - height) / 2
        width: Math.min(parent.width - 2 * Theme.margin, 1000)
        height: box.implicitHeight + 2 * Theme.margin
        radius: Theme.radius
        color: Theme.surface
        ColumnLayout {
            id: box
            anchors.fill: parent
            anchors.margins: Theme.margin
            spacing: Theme.spacing * 2
            Text {
                textFormat: Text.PlainText  // never render markup a visitor typed
                Layout.fillWidth: true
                text: qsTr("Are you still there?")
                font.pixelSize: Theme.titleSize
                font.bold: true
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            Text {
                textFormat: Text.PlainText  // never render markup a visitor typed
                objectName: "timeoutCountdown"
                Layout.fillWidth: true
                text: qsTr("For your privacy, your answers will be erased in %1 seconds.").arg(Kiosk.idle.remaining)
                font.pixelSize: Theme.textSize
                color: Theme.text
                wrapMode: Text.WordWrap
            }
            BigButton {
                objectName: "stillHereButton"
                Layout.fillWidth: true
                primary: true
                text: qsTr("I am still here")
                onClicked: Kiosk.idle.touch()
            }
        }
    }
}
