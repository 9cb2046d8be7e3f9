// Display and speech choices for this visit: read aloud, text size, contrast, reach, motion.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk.Backend
import ".."

Popup {
    id: popup
    objectName: "accessibilityPopup"
    parent: Overlay.overlay
    x: (parent.width - width) / 2
    y: Kiosk.display.reachMode ? parent.height - height - Theme.margin : (parent.height - height) / 2
    modal: true
    focus: true
    padding: Theme.margin
    background: Rectangle { color: Theme.surface; radius: Theme.radius; border.color: Theme.border; border.width: 2 }
    contentItem: ColumnLayout {
        spacing: Theme.spacing
        Text {
            textFormat: Text.PlainText  // never render markup a visitor typed
            text: qsTr("Accessibility")
            font.pixelSize: Theme.headingSize
            font.bold: true
            color: Theme.text
        }
        BigButton {
            objectName: "autoReadButton"
            Layout.fillWidth: true
            selectedLook: Kiosk.speech.autoRead
            text: (Kiosk.speech.autoRead ? "✓ " : "") + qsTr("Read every screen aloud")
            onClicked: Kiosk.speech.toggleAutoRead()
        }
        BigButton {
            objectName: "textSizeButton"
            Layout.fillWidth: true
            text: qsTr("Text size: %1%").arg(Math.round(Kiosk.display.textScale * 100))
            onClicked: Kiosk.display.nextTextScale()
        }
        BigButton {
            objectName: "contrastButton"
            Layout.fillWidth: true
            selectedLook: Kiosk.display.highContrast
            text: (Kiosk.display.highContrast ? "✓ " : "") + qsTr("High contrast")
            onClicked: Kiosk.display.toggleContrast()
        }
        BigButton {
            objectName: "reachButton"
            Layout.fillWidth: true
            selectedLook: Kiosk.display.reachMode
            text: (Kiosk.display.reachMode ? "✓ " : "") + qsTr("Controls within reach (lower screen)")
            onClicked: Kiosk.display.toggleReach()
        }
        BigButton {
            objectName: "motionButton"
            Layout.fillWidth: true
            selectedLook: Kiosk.display.reducedMotion
            text: (Kiosk.display.reducedMotion ? "✓ " : "") + qsTr("Reduce motion")
            onClicked: Kiosk.display.toggleMotion()
        }
        BigButton {
            objectName: "accessibilityClose"
            Layout.fillWidth: true
            primary: true
            text: qsTr("Close")
            onClicked: popup.close()
        }
    }
}
