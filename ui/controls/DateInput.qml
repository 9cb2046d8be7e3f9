// A date chosen without typing: three wheels (day, month, year: DateWheel) in a popup, then OK.
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

    function parse(iso) {
        var p = String(iso).split("-")
        return { y: parseInt(p[0]), m: parseInt(p[1]), d: parseInt(p[2]) }
    }

    BigButton {
        id: opener
        objectName: "date_" + root.field.fieldId
        anchors.fill: parent
        text: root.field.display.length > 0 ? root.field.display : qsTr("Choose a date")
        onClicked: picker.open()
    }

    Popup {
        id: picker
        objectName: "datePicker_" + root.field.fieldId
        parent: Overlay.overlay
        x: (parent.width - width) / 2
        y: Kiosk.display.reachMode ? parent.height - height - Theme.margin : (parent.height - height) / 2
        modal: true
        focus: true
        padding: Theme.margin
        onOpened: dayWheel.forceActiveFocus()
        readonly property var low: root.parse(root.field.dateMin)
        readonly property var high: root.parse(root.field.dateMax)
        property var months: Kiosk.monthNames(Kiosk.visit.language)

        onAboutToShow: {
            // The answer, else today (the kiosk's clock, not the screen's), within min..max.
            var start = root.parse(root.field.dateStart)
            yearWheel.currentIndex = start.y - low.y
            monthWheel.currentIndex = start.m - 1
            dayWheel.currentIndex = start.d - 1
        }
        // The wheels' date, the day kept within the month (kiosk.presenter.wheel_date).
        function chosen() {
            return Kiosk.wheelDate(low.y + yearWheel.currentIndex, monthWheel.currentIndex + 1, dayWheel.currentIndex + 1)
        }

        background: Rectangle { color: Theme.surface; radius: Theme.radius; border.color: Theme.border; border.width: 2 }
        contentItem: ColumnLayout {
            spacing: Theme.spacing
            Text {
                textFormat: Text.PlainText  // never render markup a visitor typed
                text: root.field.label
                font.pixelSize: Theme.headingSize
                color: Theme.text
                Layout.maximumWidth: 900
                wrapMode: Text.WordWrap
            }
            RowLayout {
                spacing: Theme.spacing * 2
                LayoutMirroring.enabled: false
                DateWheel {
                    id: dayWheel
                    objectName: "dayWheel"
                    // The days of the chosen month (kiosk.presenter.days_in_month).
                    model: Kiosk.daysInMonth(picker.low.y + yearWheel.currentIndex, monthWheel.currentIndex + 1)
                    implicitWidth: 120
                }
                DateWheel {
                    id: monthWheel
                    objectName: "monthWheel"
                    model: picker.months
                    named: true
                    implicitWidth: 320
                }
                DateWheel {
                    id: yearWheel
                    objectName: "yearWheel"
                    model: picker.high.y - picker.low.y + 1
                    first: picker.low.y
                    wrap: false
                    implicitWidth: 160
                }
            }
            RowLayout {
                spacing: Theme.spacing
                BigButton {
                    objectName: "dateCancel"
                    text: qsTr("Cancel")
                    onClicked: picker.close()
                }
                Item { Layout.fillWidth: true }
                BigButton {
                    objectName: "dateOk"
                    primary: true
                    text: qsTr("OK")
                    onClicked: { root.field.setAnswer(picker.chosen()); picker.close() }
                }
            }
        }
    }
}
