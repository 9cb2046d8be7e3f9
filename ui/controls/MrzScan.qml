// "Scan your passport": a document reader types the machine-readable zone into the box (or the
// visitor types it); what was read is shown, and only copied into the form after confirmation.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk.Backend
import ".."

Rectangle {
    id: root
    objectName: "mrzScan"
    property bool open: false
    readonly property bool hasCamera: Kiosk.camera !== null && Kiosk.camera.available
    visible: Kiosk.mrz !== null && Kiosk.mrz.available
    implicitHeight: column.implicitHeight + 2 * Theme.spacing
    radius: Theme.radius
    color: Theme.secondary
    border.color: Theme.border

    function reset() { input.text = ""; Kiosk.mrz.clear(); root.open = false }
    // The zone is personal data: never keep it past this step or past a wipe.
    onVisibleChanged: if (!visible) { input.text = ""; root.open = false }
    Connections {
        target: Kiosk.visit
        function onWiped() { input.text = ""; root.open = false }
    }

    ColumnLayout {
        id: column
        anchors.fill: parent
        anchors.margins: Theme.spacing
        spacing: Theme.spacing
        Text {
            textFormat: Text.PlainText  // never render markup a visitor typed
            Layout.fillWidth: true
            text: qsTr("Save time: scan your passport")
            font.pixelSize: Theme.headingSize
            font.bold: true
            color: Theme.secondaryText
            wrapMode: Text.WordWrap
        }
        Text {
            textFormat: Text.PlainText  // never render markup a visitor typed
            Layout.fillWidth: true
            text: root.hasCamera
                  ? qsTr("Hold your passport's photo page to the camera, or type the two lines with <<< at the bottom of the photo page. You will check everything before it is used.")
                  : qsTr("Place your passport's photo page on the reader, or type the two lines with <<< at the bottom of the photo page. You will check everything before it is used.")
            font.pixelSize: Theme.smallSize
            color: Theme.secondaryText
            wrapMode: Text.WordWrap
        }
        Flow {
            Layout.fillWidth: true
            spacing: Theme.spacing
            visible: !root.open
            // With a camera: hold the photo page to it (the zone is read and checked, then shown
            // below for confirmation like a typed one). Without: a reader or the keyboard types it.
            BigButton {
                objectName: "mrzCamera"
                visible: root.hasCamera
                primary: true
                glyph: "camera"
                text: qsTr("Hold your passport to the camera")
                onClicked: Kiosk.camera.startPassport()
            }
            BigButton {
                objectName: "mrzOpen"
                primary: !root.hasCamera
                text: root.hasCamera ? qsTr("Type the lines") : qsTr("Scan your passport")
                onClicked: { if (Kiosk.camera) Kiosk.camera.cancel(); root.open = true; input.forceActiveFocus() }
            }
        }
        Text {
            textFormat: Text.PlainText
            objectName: "mrzCameraMessage"
            Layout.fillWidth: true
            readonly property bool show: root.hasCamera && !root.open && Kiosk.camera.phase === "idle"
                                         && Kiosk.camera.purpose === "passport" && Kiosk.camera.message.length > 0
            visible: show
            text: show ? "⚠ " + Kiosk.camera.message : ""
            color: Theme.error
            font.pixelSize: Theme.smallSize
            font.bold: true
            wrapMode: Text.WordWrap
        }
        TextArea {
            id: input
            objectName: "mrzInput"
            visible: root.open
            Layout.fillWidth: true
            Layout.minimumHeight: Theme.touchTarget * 1.5
            font.family: "monospace"
            font.pixelSize: Theme.smallSize
            textFormat: TextEdit.PlainText
            wrapMode: TextEdit.NoWrap
            placeholderText: "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
            inputMethodHints: Qt.ImhNoPredictiveText | Qt.ImhPreferUppercase | Qt.ImhLatinOnly
            Accessible.name: qsTr("Machine-readable zone of your passport")
            // A reader "types" the zone and ends with Enter: read as soon as it is complete.
            // Complete = the line count and lengths kiosk.mrz knows (2x44, 2x36, 3x30).
            onTextChanged: if (/\n\s*$/.test(text) && Kiosk.mrz.complete(text)) Kiosk.mrz.read(text)
            background: Rectangle { color: Theme.surface; radius: Theme.radius; border.color: Theme.border; border.width: 2 }
        }
        RowLayout {
            visible: root.open
            spacing: Theme.spacing
            BigButton {
                objectName: "mrzRead"
                text: qsTr("Read")
                onClicked: Kiosk.mrz.read(input.text)
            }
            BigButton {
                objectName: "mrzCancel"
                text: qsTr("Cancel")
                onClicked: root.reset()
            }
        }
        Text {
            textFormat: Text.PlainText  // never render markup a visitor typed
            objectName: "mrzMessage"
            Layout.fillWidth: true
            visible: text.length > 0
            text: Kiosk.mrz ? (Kiosk.mrz.error ? "⚠ " : "") + Kiosk.mrz.message : ""
            color: Kiosk.mrz && Kiosk.mrz.error ? Theme.error : Theme.secondaryText
            font.pixelSize: Theme.smallSize
            font.bold: true
            wrapMode: Text.WordWrap
        }
        Repeater {
            model: Kiosk.mrz ? Kiosk.mrz.result : []
            Text {
                textFormat: Text.PlainText  // never render markup a visitor typed
                required property string modelData
                required property int index
                objectName: "mrzLine_" + index
                Layout.fillWidth: true
                text: modelData
                font.pixelSize: Theme.textSize
                color: Theme.secondaryText
                wrapMode: Text.WordWrap
            }
        }
        BigButton {
            objectName: "mrzConfirm"
            visible: Kiosk.mrz !== null && Kiosk.mrz.hasResult
            primary: true
            text: qsTr("Use these details")
            onClicked: { Kiosk.mrz.confirm(); root.reset() }
        }
    }
}
