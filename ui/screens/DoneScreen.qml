// The reference and its QR code; what to do next. Finishing wipes the session.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk.Backend
import "../controls"
import ".."

Item {
    objectName: "doneScreen"
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.margin
        Text {
            textFormat: Text.PlainText  // never render markup a visitor typed
            text: qsTr("Your form has been saved")
            font.pixelSize: Theme.titleSize
            font.bold: true
            color: Theme.text
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
        }
        RowLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.margin * 2
            Image {
                objectName: "qrImage"
                source: Kiosk.visit.qrSource
                sourceSize.width: 360
                sourceSize.height: 360
                Layout.preferredWidth: 360
                Layout.preferredHeight: 360
                smooth: false
                cache: false
            }
            ColumnLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                Text { textFormat: Text.PlainText; text: qsTr("Your reference"); font.pixelSize: Theme.headingSize; color: Theme.mutedText }
                Text {
                    textFormat: Text.PlainText  // never render markup a visitor typed
                    objectName: "referenceText"
                    text: Kiosk.visit.reference
                    font.pixelSize: Theme.hugeSize
                    font.bold: true
                    font.family: "Noto Sans"
                    color: Theme.text
                }
                Text {
                    textFormat: Text.PlainText  // never render markup a visitor typed
                    objectName: "nextStepsText"
                    Layout.fillWidth: true
                    wrapMode: Text.WordWrap
                    font.pixelSize: Theme.textSize
                    color: Kiosk.visit.printMessage.length > 0 ? Theme.error : Theme.text
                    text: Kiosk.visit.printMessage.length > 0 ? Kiosk.visit.printMessage
                          : (Kiosk.visit.printed ? qsTr("Take your printed form to the counter. The staff will scan its code.")
                                                 : qsTr("Show this code or your reference at the counter. The staff will scan it."))
                }
            }
        }
        BigButton {
            objectName: "doneButton"
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: 480
            primary: true
            text: qsTr("Finish")
            onClicked: Kiosk.visit.finish()
        }
    }
}
