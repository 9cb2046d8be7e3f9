// The staff admin screen (behind the PIN): queue and sync state, sync now, printer test page,
// receipt reprints, settings (read-only: they change in the config file), the log, leave kiosk mode.
import QtQuick
import QtQuick.Layouts
import Kiosk.Backend
import "../controls"
import ".."

Rectangle {
    id: screen
    objectName: "adminScreen"
    color: Theme.background
    MouseArea { anchors.fill: parent }  // nothing of the visitor screens under it can be touched

    Flickable {
        anchors.fill: parent
        anchors.margins: Theme.margin
        contentHeight: column.implicitHeight
        clip: true
        ColumnLayout {
            id: column
            width: parent.width
            spacing: Theme.spacing
            RowLayout {
                Layout.fillWidth: true
                spacing: Theme.spacing
                Text {
                    textFormat: Text.PlainText  // never render markup a visitor typed
                    Layout.fillWidth: true
                    text: qsTr("Kiosk administration") + " · " + Kiosk.kioskId
                    font.pixelSize: Theme.titleSize
                    font.bold: true
                    color: Theme.text
                }
                BigButton { objectName: "adminRefresh"; text: qsTr("Refresh"); onClicked: Kiosk.admin.refresh() }
                BigButton { objectName: "adminClose"; primary: true; text: qsTr("Close"); onClicked: Kiosk.admin.close() }
            }
            Text {
                textFormat: Text.PlainText
                objectName: "adminDemo"
                visible: Kiosk.admin.demoMode
                Layout.fillWidth: true
                text: qsTr("Demo mode: answers are sealed to a demo office key kept on this kiosk and sent to a test office on it. Not for visitors' real data.")
                wrapMode: Text.WordWrap
                color: Theme.error
                font.pixelSize: Theme.textSize
                font.bold: true
            }
            Repeater {
                model: Kiosk.admin.notices
                Text {
                    textFormat: Text.PlainText  // never render markup a visitor typed
                    required property string modelData
                    objectName: "adminNotice"
                    Layout.fillWidth: true
                    text: modelData
                    wrapMode: Text.WordWrap
                    color: Theme.error
                    font.pixelSize: Theme.textSize
                    font.bold: true
                }
            }
            Text {
                textFormat: Text.PlainText  // never render markup a visitor typed
                objectName: "adminQueue"
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.text
                font.pixelSize: Theme.textSize
                text: qsTr("Waiting to be sent: %1 · Sent: %2 · Refused by the office: %3")
                      .arg(Kiosk.admin.queueDepth).arg(Kiosk.admin.sent).arg(Kiosk.admin.quarantined)
            }
            Text {
                textFormat: Text.PlainText  // never render markup a visitor typed
                objectName: "adminSync"
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                color: Theme.text
                font.pixelSize: Theme.textSize
                text: qsTr("Sync: %1 · Last delivery: %2").arg(Kiosk.admin.syncState)
                      .arg(Kiosk.admin.lastSuccess || "-")
                      + (Kiosk.admin.lastError ? "\n" + qsTr("Last error: %1").arg(Kiosk.admin.lastError) : "")
            }
            Text {
                textFormat: Text.PlainText  // never render markup a visitor typed
                objectName: "adminPrinter"
                Layout.fillWidth: true
                color: Theme.text
                font.pixelSize: Theme.textSize
                text: qsTr("Printer: %1 (%2)").arg(Kiosk.admin.printerName || "-").arg(Kiosk.admin.printerState)
            }
            Flow {
                Layout.fillWidth: true
                spacing: Theme.spacing
                BigButton {
                    objectName: "adminSyncNow"; text: qsTr("Sync now")
                    enabled: !Kiosk.admin.busy; onClicked: Kiosk.admin.syncNow()
                }
                BigButton {
                    objectName: "adminTestPage"; text: qsTr("Print a test page")
                    enabled: !Kiosk.admin.busy; onClicked: Kiosk.admin.printTestPage()
                }
                BigButton {
                    objectName: "adminLeave"; text: qsTr("Leave kiosk mode")
                    onClicked: Kiosk.admin.leaveKioskMode()
                }
            }
            Text {
                textFormat: Text.PlainText  // never render markup a visitor typed
                objectName: "adminStatus"
                Layout.fillWidth: true
                text: Kiosk.admin.statusText  // kiosk.admin.codes: AdminStatus and its words
                color: Theme.text
                font.pixelSize: Theme.textSize
                font.bold: true
            }
            Text {
                textFormat: Text.PlainText  // never render markup a visitor typed
                text: qsTr("Recent submissions (reprint gives a receipt: reference and QR code; the answers are sealed for the office)")
                Layout.fillWidth: true
                wrapMode: Text.WordWrap
                font.pixelSize: Theme.headingSize
                color: Theme.text
            }
            Repeater {
                model: Kiosk.admin.recent
                RowLayout {
                    required property var modelData
                    Layout.fillWidth: true
                    spacing: Theme.spacing
                    Text {
                        textFormat: Text.PlainText  // never render markup a visitor typed
                        Layout.fillWidth: true
                        text: modelData.reference + " · " + modelData.form + " · " + modelData.created + " · " + modelData.state
                        color: Theme.text
                        font.pixelSize: Theme.smallSize
                        elide: Text.ElideRight
                    }
                    BigButton {
                        objectName: "adminReprint_" + modelData.reference
                        text: qsTr("Reprint receipt")
                        enabled: !Kiosk.admin.busy
                        onClicked: Kiosk.admin.reprint(modelData.reference)
                    }
                }
            }
            Text {
                textFormat: Text.PlainText  // never render markup a visitor typed
                text: qsTr("Settings (change them in the config file)")
                font.pixelSize: Theme.headingSize
                color: Theme.text
            }
            Repeater {
                model: Kiosk.admin.settings
                Text {
                    textFormat: Text.PlainText  // never render markup a visitor typed
                    required property string modelData
                    text: modelData
                    color: Theme.mutedText
                    font.pixelSize: Theme.smallSize
                }
            }
            Text {
                textFormat: Text.PlainText  // never render markup a visitor typed
                text: qsTr("Log (no personal data)")
                font.pixelSize: Theme.headingSize
                color: Theme.text
            }
            Repeater {
                model: Kiosk.admin.logLines.slice(0, 60)
                Text {
                    textFormat: Text.PlainText  // never render markup a visitor typed
                    required property string modelData
                    objectName: "adminLogLine"
                    Layout.fillWidth: true
                    text: modelData
                    elide: Text.ElideRight
                    color: Theme.mutedText
                    font.pixelSize: Theme.smallSize
                    font.family: "monospace"
                }
            }
        }
    }
}
