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
        anchors.topMargin: Theme.spacing
        spacing: Theme.spacing  // every pixel for the services: the question is the top bar's title
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
            cellHeight: Math.max(Theme.touchTarget * 1.25, rows > 0 ? Math.floor(height / rows) : height)
            model: Kiosk.visit.services
            ScrollBar.vertical: ScrollBar { width: 24; policy: list.contentHeight > list.height + 1 ? ScrollBar.AlwaysOn : ScrollBar.AlwaysOff }
            delegate: Item {
                id: cell
                required property string formId
                required property string title
                required property string summary
                required property string icon
                required property string bring
                width: list.cellWidth
                height: list.cellHeight
                BigButton {
                    id: button
                    objectName: "service_" + cell.formId
                    anchors.fill: parent
                    anchors.rightMargin: Theme.spacing / 2
                    anchors.bottomMargin: Theme.spacing / 2
                    topPadding: 6
                    bottomPadding: 6
                    leftPadding: 16
                    rightPadding: 16
                    // What is read aloud: the name, what it is for and what to bring.
                    text: cell.title + "\n" + cell.summary + (cell.bring ? "\n" + cell.bring : "")
                    onClicked: Kiosk.visit.chooseService(cell.formId)
                    // "What to bring" shows when the card has room for it (always at 1920x1080 and
                    // on a portrait screen; the consent screen lists the documents in any case).
                    readonly property bool roomForBring: cell.bring.length > 0
                        && height >= name.implicitHeight + about.implicitHeight + bringText.implicitHeight + 32
                    background: Rectangle {
                        radius: Theme.radius
                        color: Theme.surface
                        border.width: button.activeFocus ? 4 : 2
                        border.color: button.activeFocus ? Theme.focus : Theme.border
                        opacity: button.down ? 0.8 : 1
                    }
                    // The icon in a disc beside the service's name (bold); below them what it is for
                    // and what to bring, the whole width of the card.
                    contentItem: ColumnLayout {
                        spacing: 2
                        RowLayout {
                            Layout.fillWidth: true
                            spacing: 12
                            Rectangle {
                                Layout.alignment: Qt.AlignVCenter
                                implicitWidth: Math.round(Theme.textSize * 1.7)
                                implicitHeight: implicitWidth
                                radius: width / 2
                                color: Theme.primary
                                Icon {
                                    objectName: "serviceIcon_" + cell.formId
                                    anchors.centerIn: parent
                                    text: cell.icon
                                    font.pixelSize: Math.round(Theme.textSize * 1.2)
                                    color: Theme.primaryText
                                }
                            }
                            Text {
                                id: name
                                textFormat: Text.PlainText  // never render markup a visitor typed
                                Layout.fillWidth: true
                                Layout.alignment: Qt.AlignVCenter
                                text: cell.title
                                font.pixelSize: Theme.textSize
                                font.bold: true
                                color: Theme.text
                                wrapMode: Text.WordWrap
                            }
                        }
                        Text {
                            id: about
                            textFormat: Text.PlainText  // never render markup a visitor typed
                            Layout.fillWidth: true
                            text: cell.summary
                            font.pixelSize: Theme.smallSize
                            color: Theme.mutedText
                            wrapMode: Text.WordWrap
                        }
                        RowLayout {
                            objectName: "serviceBring_" + cell.formId
                            visible: button.roomForBring
                            Layout.fillWidth: true
                            spacing: 8
                            Icon {
                                name: "bagPersonal"
                                font.pixelSize: Theme.smallSize
                                color: Theme.primary
                                Layout.alignment: Qt.AlignTop
                            }
                            Text {
                                id: bringText
                                textFormat: Text.PlainText  // never render markup a visitor typed
                                Layout.fillWidth: true
                                text: cell.bring
                                font.pixelSize: Theme.smallSize
                                font.italic: true
                                color: Theme.text
                                wrapMode: Text.WordWrap
                            }
                        }
                    }
                }
            }
        }
        NavBar { Layout.fillWidth: true; showNext: false; onBack: Kiosk.visit.back() }
    }
}
