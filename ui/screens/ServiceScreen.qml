// The services this kiosk offers, one big button each, in the center's order (form `priority`):
// two columns on a landscape screen so that all of them show at once, one on a portrait screen.
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
        spacing: Theme.spacing  // every pixel for the services: all of them fit at 1366x768
        Text {
            textFormat: Text.PlainText  // never render markup a visitor typed
            text: qsTr("What would you like to do?")
            font.pixelSize: Theme.titleSize
            font.bold: true
            color: Theme.text
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
        }
        GridView {
            id: list
            objectName: "serviceGrid"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            readonly property int columns: width > height * 1.2 ? 2 : 1
            readonly property int rows: Math.ceil(count / columns)
            cellWidth: width / columns
            // Share the height among the rows; never below a finger-sized button, so at 200% text
            // the grid scrolls rather than clipping.
            cellHeight: Math.max(Theme.touchTarget * 1.25, rows > 0 ? height / rows : height)
            model: Kiosk.visit.services
            ScrollBar.vertical: ScrollBar { width: 24; policy: list.contentHeight > list.height + 1 ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded }
            delegate: Item {
                required property string formId
                required property string title
                required property string summary
                width: list.cellWidth
                height: list.cellHeight
                BigButton {
                    id: button
                    objectName: "service_" + parent.formId
                    anchors.fill: parent
                    anchors.rightMargin: Theme.spacing / 2
                    anchors.bottomMargin: Theme.spacing / 2
                    topPadding: 4
                    bottomPadding: 4
                    text: parent.title + "\n" + parent.summary  // what is read aloud
                    onClicked: Kiosk.visit.chooseService(parent.formId)
                    // The service's name first and bold, what it is for smaller below.
                    contentItem: Column {
                        spacing: 4
                        Text {
                            textFormat: Text.PlainText  // never render markup a visitor typed
                            width: parent.width
                            text: button.parent.title
                            font.pixelSize: Theme.textSize
                            font.bold: true
                            color: Theme.secondaryText
                            horizontalAlignment: Text.AlignHCenter
                            wrapMode: Text.WordWrap
                        }
                        Text {
                            textFormat: Text.PlainText  // never render markup a visitor typed
                            width: parent.width
                            text: button.parent.summary
                            font.pixelSize: Theme.smallSize
                            color: Theme.secondaryText
                            horizontalAlignment: Text.AlignHCenter
                            wrapMode: Text.WordWrap
                        }
                    }
                }
            }
        }
        NavBar { Layout.fillWidth: true; showNext: false; onBack: Kiosk.visit.back() }
    }
}
