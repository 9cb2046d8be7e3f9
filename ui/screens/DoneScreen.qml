// The reference and its QR code; what to do next. Finishing wipes the session.
// A group (docs/groups.md): every person's reference with its own QR code.
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
            text: Kiosk.visit.personCount > 1 ? qsTr("Everyone's forms have been saved") : qsTr("Your form has been saved")
            font.pixelSize: Theme.titleSize
            font.bold: true
            color: Theme.text
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
        }
        Flickable {
            objectName: "groupReferences"
            visible: Kiosk.visit.personCount > 1
            Layout.fillWidth: true
            Layout.preferredHeight: Math.min(contentHeight, 620)
            contentHeight: cards.implicitHeight
            clip: true
            Flow {
                id: cards
                width: parent.width
                spacing: Theme.spacing
                Repeater {
                    model: Kiosk.visit.receipts
                    delegate: Rectangle {
                        required property string reference
                        required property string qrSource
                        required property int person
                        width: 420
                        height: card.implicitHeight + 24
                        color: Theme.surface
                        border.color: Theme.border
                        radius: Theme.radius
                        ColumnLayout {
                            id: card
                            anchors.centerIn: parent
                            spacing: 4
                            Text { textFormat: Text.PlainText; text: qsTr("Person %1").arg(person); font.pixelSize: Theme.textSize; color: Theme.mutedText; Layout.alignment: Qt.AlignHCenter }
                            Image {
                                objectName: "qrImage_" + person
                                source: qrSource  // a PNG data URL, GROUP_QR_SIDE (kiosk/qt/qr_image.py)
                                Layout.preferredWidth: 220
                                Layout.preferredHeight: 220
                                Layout.alignment: Qt.AlignHCenter
                                smooth: false
                                cache: false
                            }
                            Text { textFormat: Text.PlainText; objectName: "referenceText_" + person; text: reference; font.pixelSize: Theme.headingSize; font.bold: true; font.family: "Noto Sans"; color: Theme.text; Layout.alignment: Qt.AlignHCenter }
                        }
                    }
                }
            }
        }
        Text {
            textFormat: Text.PlainText  // never render markup a visitor typed
            objectName: "groupNextSteps"
            visible: Kiosk.visit.personCount > 1
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
            font.pixelSize: Theme.textSize
            color: Kiosk.visit.printMessage.length > 0 ? Theme.error : Theme.text
            text: Kiosk.visit.printMessage.length > 0 ? Kiosk.visit.printMessage
                  : (Kiosk.visit.printed ? qsTr("Take every printed form to the counter. The staff will scan each code.")
                                         : qsTr("Show these codes or references at the counter. The staff will scan each one."))
        }
        Item { visible: Kiosk.visit.personCount > 1; Layout.fillHeight: true }
        RowLayout {
            visible: Kiosk.visit.personCount <= 1
            Layout.fillWidth: true
            Layout.fillHeight: true
            spacing: Theme.margin * 2
            Image {
                objectName: "qrImage"
                source: Kiosk.visit.qrSource  // a PNG data URL drawn at QR_SIDE (kiosk/qt/qr_image.py)
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
