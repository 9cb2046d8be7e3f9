// The kiosk window: top bar, the current screen, the embedded virtual keyboard and overlays.
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import Kiosk.Backend
import "controls"
import "screens"

ApplicationWindow {
    id: win
    objectName: "kioskWindow"
    width: 1280
    height: 800
    visible: true
    title: qsTr("Shekou expat center kiosk")
    color: Theme.background
    font.family: Theme.fontFamily
    font.pixelSize: Theme.textSize

    LayoutMirroring.enabled: Kiosk.visit.rtl
    LayoutMirroring.childrenInherit: true

    // Names and document numbers must be typed as in the passport: such fields (ImhLatinOnly)
    // switch the keyboard to a Latin layout whatever the visitor's language. The focused item is
    // any Item; only text inputs have inputMethodHints, hence the undefined test (and qmllint's
    // missing-property, disabled on these two lines).
    readonly property bool latinField: activeFocusItem !== null
                                       && activeFocusItem.inputMethodHints !== undefined  // qmllint disable missing-property
                                       && (activeFocusItem.inputMethodHints & Qt.ImhLatinOnly) !== 0  // qmllint disable missing-property
    readonly property string keyboardLocale: latinField ? "en_US" : Kiosk.visit.keyboardLocale
    Binding {
        target: VirtualKeyboardSettings
        property: "activeLocales"
        value: [win.keyboardLocale]
    }
    Binding {
        target: VirtualKeyboardSettings
        property: "locale"
        value: win.keyboardLocale
    }

    Connections {
        target: Kiosk.visit
        function onWiped() {
            // Qt's own type description gives Qt.inputMethod as a QObject, not QInputMethod.
            Qt.inputMethod.reset()  // qmllint disable missing-property
            Qt.inputMethod.hide()  // qmllint disable missing-property
            languagePopup.close()
            accessibilityPopup.close()
        }
    }

    // The field the visitor was last on (pressing the speaker button moves the focus to it).
    property string lastField: ""
    onActiveFocusItemChanged: {
        var name = activeFocusItem ? activeFocusItem.objectName : ""
        if (/^(input|date|country|choice|yes|no)_/.test(name)) lastField = name
    }
    Connections {
        target: Kiosk.visit
        function onChanged() { if (Kiosk.visit.screen !== "step") win.lastField = "" }
    }
    function readAloud() {
        Kiosk.speech.readScreen(lastField)
    }

    // Reach mode (seated visitors): the bar moves to the bottom and the screen's content starts
    // below the upper third, so every control is within reach of a wheelchair user.
    header: TopBar {
        visible: Kiosk.visit.screen !== "attract" && !Kiosk.display.reachMode
        onLanguageRequested: languagePopup.open()
        onAccessibilityRequested: accessibilityPopup.open()
        onReadRequested: win.readAloud()
        onHelpRequested: Kiosk.help.call()
    }
    footer: TopBar {
        visible: Kiosk.visit.screen !== "attract" && Kiosk.display.reachMode
        onLanguageRequested: languagePopup.open()
        onAccessibilityRequested: accessibilityPopup.open()
        onReadRequested: win.readAloud()
        onHelpRequested: Kiosk.help.call()
    }

    Loader {
        id: screenLoader
        objectName: "screenLoader"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.topMargin: Kiosk.display.reachMode ? win.contentItem.height * 0.33 : 0
        anchors.bottom: inputPanel.top
        // A new screen takes the keyboard focus so Tab and arrows start on it (tactile keypads).
        onLoaded: (item as Item).forceActiveFocus()
        sourceComponent: {
            switch (Kiosk.visit.screen) {
            case "language": return languageScreen
            case "service": return serviceScreen
            case "consent": return consentScreen
            case "step": return stepScreen
            case "review": return reviewScreen
            case "submitting": return submittingScreen
            case "done": return doneScreen
            default: return attractScreen
            }
        }
    }
    Component {
        id: attractScreen
        AttractScreen {
            onAccessibilityRequested: accessibilityPopup.open()
            onReadRequested: win.readAloud()
        }
    }
    Component { id: languageScreen; LanguageScreen {} }
    Component { id: serviceScreen; ServiceScreen {} }
    Component { id: consentScreen; ConsentScreen {} }
    Component { id: stepScreen; StepScreen {} }
    Component { id: reviewScreen; ReviewScreen {} }
    Component { id: submittingScreen; SubmittingScreen {} }
    Component { id: doneScreen; DoneScreen {} }

    InputPanel {
        id: inputPanel
        objectName: "inputPanel"
        z: 99
        // Full width makes the keys huge and hides the form: cap it, centred. On a short screen
        // (1366x768, 1280x800) narrower still, so that the keyboard (about 0.31 of its width
        // high) leaves more than half the screen to the field being typed; keys stay >= 80 px.
        width: Math.min(parent.width, 1280, parent.height * 1.3)
        x: (parent.width - width) / 2
        y: active ? parent.height - height : parent.height
    }

    LanguagePopup { id: languagePopup }
    AccessibilityPopup { id: accessibilityPopup }
    HelpPopup {}
    CameraPopup {}
    TimeoutOverlay { anchors.fill: parent; parent: Overlay.overlay }
    AdminCorner { anchors.fill: parent }  // staff: 5 s press in the top corner → PIN → admin screen
}
