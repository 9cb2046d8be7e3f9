// The camera, full window: the preview with a framing guide, what to do next in large text, and
// the buttons of the moment (take, keep, retake, or back to typing). Closes by itself once a
// passport zone is read; a wipe closes it and drops every picture (CameraBackend).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk.Backend
import ".."

Popup {
    id: popup
    objectName: "cameraPopup"
    parent: Overlay.overlay
    x: 0
    y: 0
    width: parent ? parent.width : 0
    height: parent ? parent.height : 0
    modal: true
    focus: true
    closePolicy: Popup.NoAutoClose  // the buttons close it: a stray touch must not
    padding: Theme.spacing
    readonly property var cam: Kiosk.camera
    readonly property string phase: cam ? cam.phase : "idle"
    readonly property string purpose: cam ? cam.purpose : ""
    visible: phase !== "idle"
    background: Rectangle { color: Theme.surface }

    contentItem: ColumnLayout {
        spacing: Theme.spacing
        Text {
            textFormat: Text.PlainText
            objectName: "cameraTitle"
            Layout.fillWidth: true
            text: popup.cam ? popup.cam.title : ""
            font.pixelSize: Theme.titleSize
            font.bold: true
            color: Theme.text
            wrapMode: Text.WordWrap
        }
        Text {
            textFormat: Text.PlainText
            objectName: "cameraHint"
            Layout.fillWidth: true
            readonly property bool doubt: popup.phase === "captured" && popup.cam && !popup.cam.stillOk
            text: popup.phase === "checking" ? qsTr("Checking the photo…")
                  : doubt ? "⚠ " + popup.cam.message
                  : popup.phase === "captured" ? qsTr("The photo is clear. Use it, or take it again.")
                  : popup.cam ? popup.cam.hint : ""
            font.pixelSize: Theme.headingSize
            font.bold: true
            color: doubt ? Theme.error : Theme.primary
            wrapMode: Text.WordWrap
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
        Item {
            id: view
            Layout.fillWidth: true
            Layout.fillHeight: true
            Layout.minimumHeight: 200
            Rectangle { anchors.fill: parent; color: "black"; radius: Theme.radius }
            Image {
                id: preview
                objectName: "cameraPreview"
                anchors.fill: parent
                fillMode: Image.PreserveAspectFit
                cache: false  // the visitor's picture: never kept in QML's image cache
                asynchronous: false  // a ≤960 px JPEG decodes in ~1 ms (docs/camera.md)
                sourceSize.width: 960  // a still from a larger camera is decoded at preview size
                sourceSize.height: 960
                mirror: popup.purpose === "portrait"  // a mirror for the face; documents read as they are
                source: popup.visible && popup.cam ? popup.cam.preview : ""  // a JPEG data URL; "" = none
            }
            // The framing guide over the picture: the passport page with its zone at the bottom,
            // a document's outline, or an oval for the face.
            Item {
                id: guide
                visible: popup.phase === "live"
                readonly property real pw: preview.paintedWidth
                readonly property real ph: preview.paintedHeight
                readonly property real ratio: popup.purpose === "portrait" ? 0.75
                                             : popup.purpose === "passport" ? 125 / 88 : 4 / 3
                readonly property real fit: popup.purpose === "portrait" ? 0.55 : 0.8
                width: Math.min(pw * fit, ph * fit * ratio)
                height: width / ratio
                anchors.centerIn: parent
                Rectangle {
                    anchors.fill: parent
                    color: "transparent"
                    border.color: Theme.focus
                    border.width: 6
                    radius: popup.purpose === "portrait" ? width / 2 : Theme.radius
                }
                Rectangle {
                    objectName: "cameraZoneBand"
                    visible: popup.purpose === "passport"
                    anchors.left: parent.left
                    anchors.right: parent.right
                    anchors.bottom: parent.bottom
                    anchors.margins: 6
                    height: parent.height * 0.22
                    color: "#40F2B705"
                    Text {
                        textFormat: Text.PlainText
                        anchors.centerIn: parent
                        text: "<<<<<<<<<<<<<<<<"
                        font.family: "monospace"
                        font.pixelSize: Theme.smallSize
                        color: Theme.focus
                    }
                }
            }
        }
        RowLayout {
            Layout.fillWidth: true
            spacing: Theme.spacing
            BigButton {
                objectName: "cameraTake"
                visible: popup.phase === "live" && popup.purpose !== "passport"
                primary: true
                glyph: "camera"
                text: qsTr("Take photo")
                onClicked: popup.cam.take()
            }
            BigButton {
                objectName: "cameraKeep"
                visible: popup.phase === "captured"
                primary: popup.cam !== null && popup.cam.stillOk
                text: qsTr("Use this photo")
                onClicked: popup.cam.keep()
            }
            BigButton {
                objectName: "cameraRetake"
                visible: popup.phase === "captured"
                primary: popup.cam !== null && !popup.cam.stillOk
                text: qsTr("Take it again")
                onClicked: popup.cam.retake()
            }
            Item { Layout.fillWidth: true }
            BigButton {
                objectName: "cameraCancel"
                visible: popup.phase !== "checking"
                text: popup.purpose === "passport" ? qsTr("Type the lines instead") : qsTr("Cancel")
                onClicked: popup.cam.cancel()
            }
        }
    }
}
