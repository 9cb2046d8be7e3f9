// The language picker reachable from every screen; switching keeps every answer.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk.Backend
import ".."

Popup {
    id: popup
    objectName: "languagePopup"
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
            text: qsTr("Choose your language")
            font.pixelSize: Theme.headingSize
            color: Theme.text
        }
        GridLayout {
            columns: 2
            rowSpacing: Theme.spacing
            columnSpacing: Theme.spacing
            Repeater {
                model: Kiosk.languages
                BigButton {
                    required property var modelData
                    objectName: "popupLang_" + modelData.code
                    Layout.preferredWidth: 320
                    text: modelData.name
                    selectedLook: Kiosk.visit.language === modelData.code
                    onClicked: { Kiosk.visit.setLanguage(modelData.code); popup.close() }
                }
            }
        }
    }
}
