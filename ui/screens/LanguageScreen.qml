// Pick a language; every language is named in its own script.
import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import "../controls"
import ".."

Item {
    objectName: "languageScreen"
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.margin
        Text {
            textFormat: Text.PlainText  // never render markup a visitor typed
            text: qsTr("Choose your language")
            font.pixelSize: Theme.titleSize
            font.bold: true
            color: Theme.text
        }
        GridLayout {
            Layout.fillWidth: true
            // Four columns on a landscape screen keep every language and Back on a 1280x800 one.
            columns: width > 1000 ? 4 : 3
            rowSpacing: Theme.spacing
            columnSpacing: Theme.spacing
            Repeater {
                model: Kiosk.languages
                BigButton {
                    required property var modelData
                    objectName: "lang_" + modelData.code
                    Layout.fillWidth: true
                    Layout.minimumHeight: Theme.touchTarget * 1.4
                    font.pixelSize: Theme.headingSize
                    text: modelData.name
                    onClicked: Kiosk.visit.setLanguage(modelData.code)
                }
            }
        }
        Item { Layout.fillHeight: true }
        NavBar { Layout.fillWidth: true; showNext: false; onBack: Kiosk.visit.back() }
    }
}
