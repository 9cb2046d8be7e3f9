// The staff PIN pad: digits only, shown as dots; wrong PINs lock it for growing periods.
import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import ".."

Rectangle {
    id: pad
    objectName: "pinPad"
    color: Theme.overlay
    property string entered: ""
    readonly property bool locked: Kiosk.admin.lockedSeconds > 0
    readonly property var keys: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "clear", "0", "ok"]

    onVisibleChanged: entered = ""
    MouseArea { anchors.fill: parent }  // nothing under the pad can be touched

    Rectangle {
        anchors.centerIn: parent
        width: 520
        height: box.implicitHeight + 2 * Theme.margin
        radius: Theme.radius
        color: Theme.surface
        ColumnLayout {
            id: box
            anchors.fill: parent
            anchors.margins: Theme.margin
            spacing: Theme.spacing
            Text {
                textFormat: Text.PlainText  // never render markup a visitor typed
                Layout.fillWidth: true
                text: qsTr("Staff PIN")
                font.pixelSize: Theme.titleSize
                font.bold: true
                color: Theme.text
            }
            Text {
                textFormat: Text.PlainText  // never render markup a visitor typed
                objectName: "pinDots"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touchTarget
                text: "●".repeat(pad.entered.length)
                font.pixelSize: Theme.titleSize
                color: Theme.text
            }
            Text {
                textFormat: Text.PlainText  // never render markup a visitor typed
                objectName: "pinMessage"
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.error
                font.pixelSize: Theme.textSize
                text: Kiosk.admin.pinMessage  // kiosk.admin.codes: PinState and its words
            }
            GridLayout {
                Layout.fillWidth: true
                columns: 3
                columnSpacing: Theme.spacing
                rowSpacing: Theme.spacing
                Repeater {
                    model: pad.keys
                    BigButton {
                        required property string modelData
                        objectName: "pinKey_" + modelData
                        Layout.fillWidth: true
                        primary: modelData === "ok"
                        enabled: Kiosk.admin.pinKeysEnabled
                        text: modelData === "clear" ? qsTr("Clear") : modelData === "ok" ? qsTr("OK") : modelData
                        onClicked: {
                            if (modelData === "clear") {
                                pad.entered = ""
                            } else if (modelData === "ok") {
                                Kiosk.admin.enterPin(pad.entered)
                                pad.entered = ""
                            } else if (pad.entered.length < 12) {
                                pad.entered += modelData
                            }
                        }
                    }
                }
            }
            BigButton {
                objectName: "pinCancel"
                Layout.fillWidth: true
                text: qsTr("Cancel")
                onClicked: Kiosk.admin.closePinPad()
            }
        }
    }
}
