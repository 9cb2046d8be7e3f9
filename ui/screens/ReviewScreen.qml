// Every answer once more, each with an Edit button that jumps back to its step.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk.Backend
import "../controls"
import ".."

Item {
    objectName: "reviewScreen"
    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.spacing
        Text {
            textFormat: Text.PlainText  // never render markup a visitor typed
            text: qsTr("Please check your answers")
            font.pixelSize: Theme.titleSize
            font.bold: true
            color: Theme.text
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
        }
        Text {
            textFormat: Text.PlainText  // never render markup a visitor typed
            objectName: "submitError"
            visible: text.length > 0
            text: Kiosk.visit.submitError
            color: Theme.error
            font.pixelSize: Theme.textSize
            Layout.fillWidth: true
            wrapMode: Text.WordWrap
        }
        ListView {
            id: list
            objectName: "reviewList"
            Layout.fillWidth: true
            Layout.fillHeight: true
            clip: true
            spacing: 8
            model: Kiosk.visit.review
            ScrollBar.vertical: ScrollBar { width: 24; policy: ScrollBar.AlwaysOn }
            // The pictures first (optional), then every answer: scrolls with the list on short screens.
            header: PhotosPanel { width: list.width - 40 }
            section.property: "section"
            section.delegate: Text {
                textFormat: Text.PlainText  // never render markup a visitor typed
                required property string section
                text: section
                font.pixelSize: Theme.headingSize
                font.bold: true
                color: Theme.primary
                topPadding: Theme.spacing
            }
            delegate: Rectangle {
                required property string fieldId
                required property string label
                required property string display
                required property int person
                required property string editName
                width: list.width - 40
                implicitHeight: Math.max(Theme.touchTarget + 8, row.implicitHeight + 16)
                color: Theme.surface
                border.color: Theme.border
                radius: Theme.radius
                RowLayout {
                    id: row
                    anchors.fill: parent
                    anchors.margins: 8
                    spacing: Theme.spacing
                    Text { textFormat: Text.PlainText; text: label; font.pixelSize: Theme.smallSize; color: Theme.mutedText; Layout.preferredWidth: parent.width * 0.35; wrapMode: Text.WordWrap }
                    Text { textFormat: Text.PlainText; objectName: "reviewValue_" + editName; text: display; font.pixelSize: Theme.textSize; color: Theme.text; Layout.fillWidth: true; wrapMode: Text.WrapAnywhere }
                    BigButton { objectName: "reviewEdit_" + editName; text: qsTr("Edit"); onClicked: Kiosk.visit.editFor(fieldId, person) }
                }
            }
        }
        // Families and hosts (docs/groups.md): the address, host and stay are carried over.
        BigButton {
            objectName: "addPersonButton"
            visible: Kiosk.visit.canAddPerson
            glyph: "human"
            text: qsTr("Add another person at this address")
            Layout.alignment: Qt.AlignHCenter
            Layout.preferredWidth: Math.max(560, implicitWidth)
            onClicked: Kiosk.visit.addPerson()
        }
        NavBar {
            Layout.fillWidth: true
            nextName: "submitButton"
            nextText: Kiosk.visit.personCount > 1 ? qsTr("Submit for everyone") : qsTr("Submit")
            nextEnabled: !Kiosk.visit.busy
            onBack: Kiosk.visit.back()
            onNext: Kiosk.visit.submit()
        }
    }
}
