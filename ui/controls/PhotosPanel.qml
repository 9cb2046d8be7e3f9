// The review screen's pictures: one tile per document (and the portrait) the form asks of each
// person, "Take photo" opens the camera; a taken picture shows as a thumbnail with "Retake".
// Optional: the printout lists what was not photographed and staff ask for the paper.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk.Backend
import ".."

ColumnLayout {
    id: panel
    objectName: "photosPanel"
    readonly property var photos: Kiosk.photos
    visible: photos !== null && photos.available
    spacing: Theme.spacing
    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        text: qsTr("Photos of your documents")
        font.pixelSize: Theme.headingSize
        font.bold: true
        color: Theme.primary
        wrapMode: Text.WordWrap
    }
    Text {
        textFormat: Text.PlainText
        Layout.fillWidth: true
        text: qsTr("Optional: staff check them before your turn. You may skip any and show the paper at the counter.")
        font.pixelSize: Theme.smallSize
        color: Theme.mutedText
        wrapMode: Text.WordWrap
    }
    Flow {
        Layout.fillWidth: true
        spacing: Theme.spacing
        Repeater {
            model: panel.photos ? panel.photos.rows : null
            delegate: Rectangle {
                id: tile
                required property int person
                required property string key
                required property string label
                required property bool taken
                required property string source
                required property string name
                objectName: "photoTile_" + name
                width: Math.min(panel.width, 380)
                height: content.implicitHeight + 2 * Theme.spacing
                radius: Theme.radius
                color: Theme.surface
                border.color: taken ? Theme.primary : Theme.border
                border.width: taken ? 3 : 1
                RowLayout {
                    id: content
                    anchors.fill: parent
                    anchors.margins: Theme.spacing
                    spacing: Theme.spacing
                    Item {
                        Layout.preferredWidth: 96
                        Layout.preferredHeight: 72
                        Image {
                            objectName: "photoThumb_" + tile.name
                            anchors.fill: parent
                            visible: tile.taken
                            fillMode: Image.PreserveAspectFit
                            cache: false
                            source: tile.source
                        }
                        Icon {
                            anchors.centerIn: parent
                            visible: !tile.taken
                            name: "camera"
                            color: Theme.mutedText
                            font.pixelSize: Theme.iconSize
                        }
                    }
                    ColumnLayout {
                        Layout.fillWidth: true
                        Text {
                            textFormat: Text.PlainText
                            Layout.fillWidth: true
                            text: tile.label
                            font.pixelSize: Theme.smallSize
                            font.bold: true
                            color: Theme.text
                            wrapMode: Text.WordWrap
                        }
                        BigButton {
                            objectName: "photoTake_" + tile.name
                            Layout.fillWidth: true
                            primary: !tile.taken
                            text: tile.taken ? qsTr("Take it again") : qsTr("Take photo")
                            onClicked: panel.photos.take(tile.person, tile.key)
                        }
                    }
                }
            }
        }
    }
}
