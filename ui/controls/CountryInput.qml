// A country chosen from the list in the visitor's language, with a search box.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Kiosk.Backend
import ".."

Item {
    id: root
    required property var field
    implicitHeight: opener.implicitHeight
    implicitWidth: 480

    BigButton {
        id: opener
        objectName: "country_" + root.field.fieldId
        anchors.fill: parent
        text: root.field.display.length > 0 ? root.field.display : qsTr("Choose a country")
        onClicked: { Kiosk.countries.setFilter(""); picker.open() }
    }

    Popup {
        id: picker
        objectName: "countryPicker_" + root.field.fieldId
        parent: Overlay.overlay
        x: (parent.width - width) / 2
        y: Kiosk.display.reachMode ? parent.height - height - Theme.margin : Theme.margin
        width: Math.min(parent.width - 2 * Theme.margin, 1000)
        height: parent.height * 0.55
        modal: true
        focus: true
        padding: Theme.spacing
        onOpened: search.forceActiveFocus()
        background: Rectangle { color: Theme.surface; radius: Theme.radius; border.color: Theme.border; border.width: 2 }
        contentItem: ColumnLayout {
            spacing: Theme.spacing
            RowLayout {
                Layout.fillWidth: true
                TextField {
                    id: search
                    objectName: "countrySearch"
                    Layout.fillWidth: true
                    implicitHeight: Theme.touchTarget
                    font.pixelSize: Theme.textSize
                    placeholderText: qsTr("Search")
                    text: Kiosk.countries.filter
                    inputMethodHints: Qt.ImhNoPredictiveText
                    onTextEdited: Kiosk.countries.setFilter(text)
                }
                BigButton {
                    objectName: "countryClose"
                    text: qsTr("Close")
                    onClicked: picker.close()
                }
            }
            ListView {
                id: list
                objectName: "countryList"
                Layout.fillWidth: true
                Layout.fillHeight: true
                clip: true
                model: Kiosk.countries.model
                spacing: 4
                ScrollBar.vertical: ScrollBar { width: 24; policy: ScrollBar.AlwaysOn }
                delegate: BigButton {
                    required property string code
                    required property string name
                    objectName: "countryItem_" + code
                    width: list.width - 32
                    text: name
                    selectedLook: root.field.value === code
                    onClicked: { root.field.setAnswer(code); picker.close() }
                }
            }
        }
    }
}
