// The services this kiosk offers, one big button each.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk.Backend
import "../controls"
import ".."

Item {
    objectName: "serviceScreen"
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.margin
        Text {
            textFormat: Text.PlainText  // never render markup a visitor typed
            text: qsTr("What would you like to do?")
            font.pixelSize: Theme.titleSize
            font.bold: true
            color: Theme.text
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
        }
        ListView {
            id: list
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.spacing
            clip: true
            model: Kiosk.visit.services
            delegate: BigButton {
                required property string formId
                required property string title
                required property string summary
                objectName: "service_" + formId
                width: list.width
                implicitHeight: Math.max(Theme.touchTarget * 1.6, contentItem.implicitHeight + 24)
                text: title + "\n" + summary
                onClicked: Kiosk.visit.chooseService(formId)
            }
        }
        NavBar { Layout.fillWidth: true; showNext: false; onBack: Kiosk.visit.back() }
    }
}
