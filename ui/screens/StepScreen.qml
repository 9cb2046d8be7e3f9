// One group of fields: title, the fields, Back and Next.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk.Backend
import "../controls"
import ".."

Item {
    objectName: "stepScreen"
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing
        Text {
            textFormat: Text.PlainText  // never render markup a visitor typed
            objectName: "stepTitle"
            text: Kiosk.visit.stepTitle
            font.pixelSize: Theme.titleSize
            font.bold: true
            color: Theme.text
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
        }
        Flickable {
            id: flick
            objectName: "stepFlick"
            Layout.fillWidth: true
            Layout.fillHeight: true
            contentHeight: column.implicitHeight
            clip: true
            boundsBehavior: Flickable.StopAtBounds
            ScrollBar.vertical: ScrollBar { width: 24; policy: flick.contentHeight > flick.height ? ScrollBar.AlwaysOn : ScrollBar.AsNeeded }
            ColumnLayout {
                id: column
                width: flick.width - 40
                spacing: Theme.margin
                MrzScan { Layout.fillWidth: true }  // only on the first step of a form with passport data
                Repeater {
                    model: Kiosk.visit.fields
                    FieldDelegate { Layout.fillWidth: true }
                }
            }
        }
        NavBar {
            Layout.fillWidth: true
            onBack: Kiosk.visit.back()
            onNext: { Qt.inputMethod.commit(); Kiosk.visit.next() }
        }
    }
}
